namespace Insights.Server.Grafana;

/// <summary>A time series answer: <c>[[value, epoch_ms], …]</c>, value first; a null value is a gap.</summary>
public sealed record GrafanaTimeSeries(string Target, string? RefId, IReadOnlyList<object?[]> Datapoints);
