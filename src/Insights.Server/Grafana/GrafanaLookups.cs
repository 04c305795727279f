using Insights.Domain.Metrics;
using Insights.Warehouse.Metrics;

namespace Insights.Server.Grafana;

/// <summary>The lists behind template variables, payload selects and ad hoc filter values: teams, services, environments…</summary>
public sealed class GrafanaLookups(GrafanaQueryRunner runner)
{
    /// <summary>What <c>POST /variable</c> can list.</summary>
    public static IReadOnlyList<string> Lists { get; } = ["teams", "services", "environments", "metrics", "benchmarks"];

    /// <param name="list">One of <see cref="Lists"/>.</param>
    /// <param name="team">For services: only this team's.</param>
    public async Task<IReadOnlyList<GrafanaOption>> ListAsync(string list, string? team, CancellationToken cancellationToken) => list switch
    {
        "teams" => [.. (await runner.Catalog.TeamNamesAsync(cancellationToken).ConfigureAwait(false)).Select(t => new GrafanaOption(t, t))],
        "services" => [.. (await runner.Catalog.ServicesAsync(cancellationToken).ConfigureAwait(false))
            .Where(s => team is null || s.Team == team)
            .Select(s => new GrafanaOption(s.Name, s.Name))],
        "environments" => [.. (await runner.Timeline.EnvironmentsAsync(cancellationToken).ConfigureAwait(false)).Select(e => new GrafanaOption(e, e))],
        "metrics" => [.. MetricCatalog.All.Select(m => new GrafanaOption(m.Title, m.Name))],
        "benchmarks" => [.. Benchmark.All.Values.OrderBy(b => b.Name, StringComparer.Ordinal).Select(b => new GrafanaOption(b.Title, b.Name))],
        _ => throw new MetricQueryException("list", $"must be one of {string.Join(", ", Lists)}; got '{list}'."),
    };

    /// <summary>The choices for one payload field of a target (<c>POST /metric-payload-options</c>).</summary>
    public async Task<IReadOnlyList<GrafanaOption>> PayloadOptionsAsync(GrafanaPayloadOptionsRequest request, CancellationToken cancellationToken)
    {
        var name = request.Metric?.Trim() ?? string.Empty;
        if (!GrafanaTargets.TryGet(name, out var target))
        {
            throw new MetricQueryException("metric", $"'{name}' is not a target; targets: {string.Join(", ", GrafanaTargets.All.Select(t => t.Value))}.");
        }

        var field = target.Payloads.FirstOrDefault(p => p.Name == request.Name);
        if (field is null)
        {
            throw new MetricQueryException("name", $"'{request.Name}' is not an option of '{name}'; its options are {string.Join(", ", target.Payloads.Select(p => p.Name))}.");
        }

        var payload = GrafanaPayload.Read(request.Payload, "payload");
        return field.Name switch
        {
            "team" => await ListAsync("teams", null, cancellationToken).ConfigureAwait(false),
            "service" => await ListAsync("services", payload.Text("team"), cancellationToken).ConfigureAwait(false),
            "environment" => await ListAsync("environments", null, cancellationToken).ConfigureAwait(false),
            _ => field.Options ?? [],
        };
    }

    /// <summary>The values an ad hoc filter key can take (<c>POST /tag-values</c>).</summary>
    public async Task<IReadOnlyList<GrafanaOption>> TagValuesAsync(string? key, CancellationToken cancellationToken) => key switch
    {
        "team" => await ListAsync("teams", null, cancellationToken).ConfigureAwait(false),
        "service" => await ListAsync("services", null, cancellationToken).ConfigureAwait(false),
        "environment" => await ListAsync("environments", null, cancellationToken).ConfigureAwait(false),
        "golden_path" => [new("true", "true"), new("false", "false")],
        _ => throw new MetricQueryException("key", $"must be one of {string.Join(", ", GrafanaTargets.ScopeFields)}; got '{key}'."),
    };
}
