namespace Insights.Server.Web.Charts;

/// <summary>One period of a chart: its first day and its value (null: no data, drawn as a gap).</summary>
public readonly record struct ChartPoint(DateOnly Period, double? Value);
