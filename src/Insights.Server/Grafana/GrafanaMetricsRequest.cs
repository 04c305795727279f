using System.Text.Json;

namespace Insights.Server.Grafana;

/// <summary><c>POST /metrics</c>: the query editor's current target and payload (both optional; the answer lists every target).</summary>
public sealed record GrafanaMetricsRequest(string? Metric, JsonElement? Payload);
