namespace Insights.Domain.Metrics;

/// <summary>The grouping of a metric's series. Weeks are ISO weeks (Monday); months start on the 1st.</summary>
public enum Interval
{
    Day,
    Week,
    Month,
}
