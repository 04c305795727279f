namespace Insights.Server.Grafana;

/// <summary>One entry of <c>POST /metrics</c>: a target the query editor offers, with its payload fields.</summary>
public sealed record GrafanaMetric(string Label, string Value, IReadOnlyList<GrafanaPayloadField> Payloads);
