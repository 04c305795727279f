using System.Text.Json.Serialization;

namespace Insights.Server.Grafana;

/// <summary>One value of a query variable.</summary>
public sealed record GrafanaVariableValue(
    [property: JsonPropertyName("__text")] string Text,
    [property: JsonPropertyName("__value")] string Value);
