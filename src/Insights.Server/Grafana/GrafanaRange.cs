namespace Insights.Server.Grafana;

/// <summary>The dashboard's time range, as ISO-8601 times (Grafana also sends <c>raw</c>, e.g. <c>now-90d</c>; unused).</summary>
public sealed record GrafanaRange(DateTimeOffset? From, DateTimeOffset? To);
