namespace Insights.Domain.Metrics;

/// <summary>A metric's own summary figure (e.g. <c>deployment_days</c>) and its value for an empty range or period.</summary>
/// <param name="Empty">0, false or null, as the manifest says.</param>
public sealed record MetricFigure(string Name, object? Empty);
