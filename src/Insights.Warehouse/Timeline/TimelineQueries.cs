using System.Globalization;
using Insights.Domain.Metrics;
using Insights.Warehouse.ClickHouse;
using Insights.Warehouse.Metrics;
using Insights.Warehouse.Sql;
using Microsoft.Extensions.Options;

namespace Insights.Warehouse.Timeline;

/// <summary>
/// Events as they happened — deployments and incidents in a time range — for annotations on
/// charts, and the environments seen. No figures: those come from <see cref="MetricEngine"/>.
/// The SQL reuses the metric partials, so "team", "production" and "golden path" mean the same here.
/// </summary>
public sealed class TimelineQueries(ClickHouseClient clickHouse, IOptionsMonitor<MetricsOptions> options, TimeProvider clock)
{
    public async Task<IReadOnlyList<DeploymentEvent>> DeploymentsAsync(TimelineQuery query, CancellationToken cancellationToken = default)
    {
        var rows = await clickHouse.QueryAsync<DeploymentRow>(Render("clickhouse/timeline/deployments.sql", query), cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new DeploymentEvent(r.Id, r.Service, r.Team, r.Environment, r.Status, r.FinishedTime, r.Pipeline, r.IsGolden != 0, r.IsProduction != 0)).ToList();
    }

    public async Task<IReadOnlyList<IncidentEvent>> IncidentsAsync(TimelineQuery query, CancellationToken cancellationToken = default)
    {
        var rows = await clickHouse.QueryAsync<IncidentRow>(Render("clickhouse/timeline/incidents.sql", query), cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new IncidentEvent(r.Id, r.Service, r.Team, r.Title, r.Severity, r.StartedTime, r.ResolvedTime)).ToList();
    }

    /// <summary>Every deployment environment seen, lower-cased and sorted.</summary>
    public async Task<IReadOnlyList<string>> EnvironmentsAsync(CancellationToken cancellationToken = default)
    {
        var rows = await clickHouse.QueryAsync<EnvironmentRow>(SqlResources.Read("clickhouse/timeline/environments.sql"), cancellationToken).ConfigureAwait(false);
        return rows.Select(r => r.Name).ToList();
    }

    private string Render(string path, TimelineQuery query)
    {
        if (query.To <= query.From)
        {
            throw new MetricQueryException("to", "must be after from.");
        }

        // The metric fragments give the filters and the shared configuration; the range is exact here.
        var fromDate = DateOnly.FromDateTime(query.From);
        var toDate = DateOnly.FromDateTime(query.To).AddDays(1);
        var metricQuery = new MetricQuery(MetricFragments.Scope, fromDate, toDate)
        {
            Team = query.Team,
            Service = query.Service,
            Environment = query.Environment,
            GoldenPath = query.GoldenPath,
        };
        var fragments = new Dictionary<string, string>(MetricFragments.Build(metricQuery, options.CurrentValue, clock.GetUtcNow().UtcDateTime), StringComparer.Ordinal)
        {
            ["from"] = SqlLiteral.DateTime(query.From),
            ["to"] = SqlLiteral.DateTime(query.To),
            ["range_scan_from"] = SqlLiteral.DateTime(query.From - MetricFragments.DeploymentDurationSlack),
            ["production_only"] = query.ProductionOnly ? "1" : "0",
            ["limit"] = Math.Clamp(query.Limit, 1, TimelineQuery.MaxLimit).ToString(CultureInfo.InvariantCulture),
        };
        return SqlTemplate.Render(path, fragments);
    }

    private sealed record DeploymentRow(string Id, string Service, string Team, string Environment, string Status, DateTime FinishedTime, string Pipeline, long IsGolden, long IsProduction);

    private sealed record IncidentRow(string Id, string Service, string Team, string Title, string Severity, DateTime StartedTime, DateTime? ResolvedTime);

    private sealed record EnvironmentRow(string Name);
}
