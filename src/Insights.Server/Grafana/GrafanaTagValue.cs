namespace Insights.Server.Grafana;

/// <summary>A value an ad hoc filter key can take.</summary>
public sealed record GrafanaTagValue(string Text);
