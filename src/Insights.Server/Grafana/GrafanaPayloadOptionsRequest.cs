using System.Text.Json;

namespace Insights.Server.Grafana;

/// <summary><c>POST /metric-payload-options</c>: the choices for payload field <see cref="Name"/> of target <see cref="Metric"/>.</summary>
public sealed record GrafanaPayloadOptionsRequest(string? Metric, JsonElement? Payload, string? Name);
