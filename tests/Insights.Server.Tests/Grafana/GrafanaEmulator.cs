using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Insights.Server.Tests.Grafana;

/// <summary>
/// What Grafana 12 and simpod-json-datasource do before a request leaves the browser: replace
/// template variables in a code-mode payload (each <c>$var</c>, <c>${var}</c>, <c>[[var]]</c> becomes
/// the JSON-formatted value with its quotes removed; a custom all value is inserted as it is; the
/// explicit <c>${var:raw}</c> is the bare value), parse it, and wrap the targets in a
/// DataQueryRequest with the range, interval and ad hoc filters. The dashboards use single-value
/// variables only, so these rules are all of Grafana's formatting they meet.
/// </summary>
public static partial class GrafanaEmulator
{
    public const string DatasourceType = "simpod-json-datasource";

    /// <summary>Grafana's default when a panel sets no max data points: about its width in pixels.</summary>
    public const int DefaultMaxDataPoints = 800;

    /// <param name="json">
    /// Grafana's "json" format, as a variable's Raw JSON query gets it: a value becomes a JSON string,
    /// quotes included (the plugin strips them again for payloads; <c>${var:raw}</c> never has them).
    /// </param>
    public static string Interpolate(string text, IReadOnlyDictionary<string, string> variables, bool json = false) =>
        VariablePattern().Replace(text, match =>
        {
            var name = new[] { match.Groups[1], match.Groups[2], match.Groups[3] }.First(g => g.Success).Value;
            if (!variables.TryGetValue(name, out var value))
            {
                return match.Value;
            }

            // Grafana never formats a custom all value (the dashboards' "*").
            var raw = match.Value.EndsWith(":raw}", StringComparison.Ordinal) || value == "*";
            return json && !raw ? JsonSerializer.Serialize(value) : value;
        });

    /// <summary>The plugin's processTarget: the payload string interpolated and parsed (an unparsable one becomes {}).</summary>
    public static JsonObject ProcessTarget(JsonObject target, IReadOnlyDictionary<string, string> variables)
    {
        var processed = (JsonObject)target.DeepClone();
        var payload = target["payload"];
        JsonNode parsed;
        if (payload is JsonValue value && value.TryGetValue<string>(out var text))
        {
            try
            {
                parsed = string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(Interpolate(text, variables)) ?? new JsonObject();
            }
            catch (JsonException)
            {
                parsed = new JsonObject();
            }
        }
        else
        {
            parsed = payload?.DeepClone() ?? new JsonObject();
        }

        processed["payload"] = parsed;
        if (processed["target"] is JsonValue name && name.TryGetValue<string>(out var targetName))
        {
            processed["target"] = Interpolate(targetName, variables);
        }

        return processed;
    }

    /// <summary>A /query body as Grafana sends it for one panel (or annotation).</summary>
    public static string QueryRequest(
        IEnumerable<JsonObject> targets,
        DateTimeOffset from,
        DateTimeOffset to,
        string rawFrom,
        string rawTo,
        int maxDataPoints,
        TimeSpan minInterval,
        IReadOnlyDictionary<string, string> variables,
        int panelId,
        IEnumerable<object>? filters = null)
    {
        var intervalMs = Math.Max((to - from).TotalMilliseconds / maxDataPoints, minInterval.TotalMilliseconds);
        var request = new JsonObject
        {
            ["app"] = "dashboard",
            ["requestId"] = $"SQR{panelId}",
            ["timezone"] = "utc",
            ["panelId"] = panelId,
            ["dashboardUID"] = "replay",
            ["range"] = new JsonObject { ["from"] = Iso(from), ["to"] = Iso(to), ["raw"] = new JsonObject { ["from"] = rawFrom, ["to"] = rawTo } },
            ["rangeRaw"] = new JsonObject { ["from"] = rawFrom, ["to"] = rawTo },
            ["interval"] = $"{Math.Round(intervalMs / 1000)}s",
            ["intervalMs"] = Math.Round(intervalMs),
            ["maxDataPoints"] = maxDataPoints,
            ["targets"] = new JsonArray([.. targets.Select(t => (JsonNode)ProcessTarget(t, variables))]),
            ["scopedVars"] = new JsonObject
            {
                ["__interval"] = new JsonObject { ["text"] = $"{Math.Round(intervalMs / 1000)}s", ["value"] = $"{Math.Round(intervalMs / 1000)}s" },
                ["__interval_ms"] = new JsonObject { ["text"] = Math.Round(intervalMs).ToString(System.Globalization.CultureInfo.InvariantCulture), ["value"] = Math.Round(intervalMs) },
            },
            ["startTime"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            ["filters"] = JsonSerializer.SerializeToNode(filters ?? []),
        };
        return request.ToJsonString();
    }

    /// <summary>A /variable body as the plugin's MetricFindQuery sends it.</summary>
    public static string VariableRequest(JsonNode query, DateTimeOffset from, DateTimeOffset to, string rawFrom, string rawTo, IReadOnlyDictionary<string, string> variables)
    {
        var format = query["format"]?.GetValue<string>() ?? "string";
        var text = query["query"]?.GetValue<string>() ?? string.Empty;
        JsonNode payload = format == "json"
            ? JsonNode.Parse(Interpolate(text, variables, json: true))!
            : new JsonObject { ["target"] = Interpolate(text, variables) };
        return new JsonObject
        {
            ["payload"] = payload,
            ["range"] = new JsonObject { ["from"] = Iso(from), ["to"] = Iso(to), ["raw"] = new JsonObject { ["from"] = rawFrom, ["to"] = rawTo } },
        }.ToJsonString();
    }

    /// <summary>Grafana's relative times as dashboards use them: now, now-90d, now-12w, now-6M.</summary>
    public static DateTimeOffset Resolve(string raw, DateTimeOffset now)
    {
        if (raw == "now")
        {
            return now;
        }

        var match = RelativeTime().Match(raw);
        Assert.True(match.Success, $"Relative time '{raw}' is not of the form now-<n><unit>.");
        var n = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "m" => now.AddMinutes(-n),
            "h" => now.AddHours(-n),
            "d" => now.AddDays(-n),
            "w" => now.AddDays(-7 * n),
            "M" => now.AddMonths(-n),
            _ => now.AddYears(-n),
        };
    }

    /// <summary>A panel's "Min interval" (<c>7d</c>, <c>1h</c>…).</summary>
    public static TimeSpan ParseInterval(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return TimeSpan.Zero;
        }

        var match = IntervalText().Match(text);
        Assert.True(match.Success, $"Interval '{text}' is not of the form <n><unit>.");
        var n = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "s" => TimeSpan.FromSeconds(n),
            "m" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            "d" => TimeSpan.FromDays(n),
            _ => TimeSpan.FromDays(7 * n),
        };
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\$(\w+)|\[\[(\w+)\]\]|\$\{(\w+)(?::raw)?\}")]
    private static partial Regex VariablePattern();

    [GeneratedRegex(@"^now-(\d+)([mhdwMy])$")]
    private static partial Regex RelativeTime();

    [GeneratedRegex(@"^(\d+)([smhdw])$")]
    private static partial Regex IntervalText();
}
