using System.Text.Json;

namespace Insights.Server.Grafana;

/// <summary>
/// <c>POST /variable</c>: a query variable. <see cref="Payload"/> is <c>{"target": "teams"}</c> (the
/// plugin wraps a plain query string so) or the JSON object written in the variable's editor.
/// </summary>
public sealed record GrafanaVariableRequest(JsonElement? Payload, GrafanaRange? Range);
