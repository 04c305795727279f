namespace Insights.Domain.Metrics;

/// <summary>DORA performance clusters, best first.</summary>
public enum Band
{
    Elite = 4,
    High = 3,
    Medium = 2,
    Low = 1,
}
