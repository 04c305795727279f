namespace Insights.Server.Grafana;

/// <summary><c>POST /tag-values</c>: the values an ad hoc filter on <see cref="Key"/> can take.</summary>
public sealed record GrafanaTagValuesRequest(string? Key);
