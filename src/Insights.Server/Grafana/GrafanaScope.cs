using Insights.Warehouse.Metrics;

namespace Insights.Server.Grafana;

/// <summary>
/// What a target is filtered by: its payload's team/service/environment/golden_path, joined with
/// the dashboard's ad hoc filters for the fields the target takes. Both must hold, so a filter
/// that contradicts the panel's own choice is an error rather than a silently empty panel.
/// </summary>
public sealed record GrafanaScope(string? Team, string? Service, string? Environment, bool? GoldenPath, string? Benchmark)
{
    public static GrafanaScope Resolve(GrafanaPayload payload, GrafanaAdHocFilters filters, IReadOnlyList<string> fields)
    {
        string? Field(string name)
        {
            if (!fields.Contains(name, StringComparer.Ordinal))
            {
                return null;
            }

            var own = payload.Text(name);
            if (!filters.Values.TryGetValue(name, out var adHoc))
            {
                return own;
            }

            if (own is not null && !GrafanaAdHocFilters.Same(name, own, adHoc))
            {
                throw new MetricQueryException("filters", $"{name}={adHoc} contradicts the panel's {name}={own} ({payload.Path}).");
            }

            return own ?? adHoc;
        }

        var golden = Field("golden_path") switch
        {
            null => (bool?)null,
            "true" => true,
            "false" => false,
            var other => throw new MetricQueryException($"{payload.Path}.golden_path", $"must be true or false; got '{other}'."),
        };
        return new GrafanaScope(Field("team"), Field("service"), Field("environment"), golden, payload.Text("benchmark"));
    }
}
