namespace Insights.Server.Grafana;

/// <summary>A key ad hoc filters can use.</summary>
public sealed record GrafanaTagKey(string Type, string Text);
