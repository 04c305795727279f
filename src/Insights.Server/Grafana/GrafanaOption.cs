namespace Insights.Server.Grafana;

/// <summary>One choice of a select payload field.</summary>
public sealed record GrafanaOption(string Label, string Value);
