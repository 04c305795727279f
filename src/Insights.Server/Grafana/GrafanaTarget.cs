using System.Text.Json;

namespace Insights.Server.Grafana;

/// <summary>
/// One query of a panel: <see cref="Target"/> names what to compute (a metric or a table, see
/// <see cref="GrafanaTargets"/>); <see cref="Payload"/> is a JSON object (or a string holding one)
/// with its options, variables already replaced by Grafana.
/// </summary>
public sealed record GrafanaTarget(string? RefId, string? Target, JsonElement? Payload, bool? Hide);
