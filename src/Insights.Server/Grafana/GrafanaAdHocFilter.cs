namespace Insights.Server.Grafana;

/// <summary>An ad hoc filter of the dashboard: <c>team = payments</c>.</summary>
public sealed record GrafanaAdHocFilter(string? Key, string? Operator, string? Value);
