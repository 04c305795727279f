using System.Text.Json;
using Insights.Warehouse.ClickHouse;
using Insights.Warehouse.Sql;
using Microsoft.Extensions.Options;
using Insights.Domain.Metrics;

namespace Insights.Warehouse.Metrics;

/// <summary>The catalog as the warehouse knows it: services with their owners, teams with their adoption dates.</summary>
public sealed class CatalogQueries(ClickHouseClient clickHouse, IOptionsMonitor<MetricsOptions> options, TimeProvider clock)
{
    public async Task<IReadOnlyList<TeamInfo>> TeamsAsync(CancellationToken cancellationToken = default)
    {
        var rows = await clickHouse.QueryAsync<TeamRow>(Render("clickhouse/catalog/teams.sql"), cancellationToken).ConfigureAwait(false);
        return rows.Select(r =>
        {
            var configured = options.CurrentValue.AdoptionDates.TryGetValue(r.Team, out var date);
            return new TeamInfo(
                r.Team,
                r.Services,
                r.Engineers,
                configured ? date : r.FirstGoldenPathDeployment is { } first ? DateOnly.FromDateTime(first) : null,
                configured ? "configured" : r.FirstGoldenPathDeployment is null ? null : "first_golden_path_deployment",
                r.DisplayName is { Length: > 0 } name ? name : null,
                r.Parent is { Length: > 0 } parent ? parent : null);
        }).ToList();
    }

    /// <summary>The teams owning a service that matches <paramref name="filter"/>'s system and domain (all teams without them).</summary>
    public async Task<IReadOnlyList<TeamInfo>> TeamsAsync(CatalogFilter filter, CancellationToken cancellationToken = default)
    {
        var teams = await TeamsAsync(cancellationToken).ConfigureAwait(false);
        if (filter.System is null && filter.Domain is null)
        {
            return teams;
        }

        var owners = (await ServicesAsync(filter with { Team = null }, cancellationToken).ConfigureAwait(false)).Select(s => s.Team).ToHashSet(StringComparer.Ordinal);
        return teams.Where(t => owners.Contains(t.Team)).ToList();
    }

    /// <summary>The services matching every filter given (team, system, domain; exact names).</summary>
    public async Task<IReadOnlyList<ServiceInfo>> ServicesAsync(CatalogFilter filter, CancellationToken cancellationToken = default) =>
        (await ServicesAsync(cancellationToken).ConfigureAwait(false))
            .Where(s => (filter.Team is null || s.Team == filter.Team) && (filter.System is null || s.System == filter.System) && (filter.Domain is null || s.Domain == filter.Domain))
            .ToList();

    /// <summary>The names of <see cref="TeamsAsync"/>'s teams, in the same order, without reading deployments.</summary>
    public async Task<IReadOnlyList<string>> TeamNamesAsync(CancellationToken cancellationToken = default) =>
        (await clickHouse.QueryAsync<TeamName>(Render("clickhouse/catalog/team_names.sql"), cancellationToken).ConfigureAwait(false)).Select(r => r.Team).ToList();

    /// <summary>Where the organisation's and each team's data starts (<see cref="DataStarts"/>), without reading deployments.</summary>
    public async Task<DataStarts> DataStartsAsync(CancellationToken cancellationToken = default)
    {
        var rows = await clickHouse.QueryAsync<DataStartRow>(Render("clickhouse/catalog/data_starts.sql"), cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return DataStarts.None;
        }

        var days = rows.Select(r => (r.Team, Day: DateOnly.FromDateTime(r.FirstDeployment))).ToList();
        return new DataStarts(
            days.Min(d => d.Day),
            days.Where(d => d.Team.Length > 0).ToDictionary(d => d.Team, d => d.Day, StringComparer.Ordinal));
    }

    public async Task<IReadOnlyList<ServiceInfo>> ServicesAsync(CancellationToken cancellationToken = default) =>
        await clickHouse.QueryAsync<ServiceInfo>(Render("clickhouse/catalog/services.sql"), cancellationToken).ConfigureAwait(false);

    private string Render(string path)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var fragments = MetricFragments.Build(new MetricQuery(MetricFragments.Scope, today.AddDays(-1), today.AddDays(1)), options.CurrentValue, clock.GetUtcNow().UtcDateTime);
        return SqlTemplate.Render(path, fragments);
    }

    private sealed record TeamName(string Team);

    private sealed record DataStartRow(string Team, DateTime FirstDeployment);

    private sealed record TeamRow(string Team, string[] Services, long Engineers, DateTime? FirstGoldenPathDeployment, string? DisplayName, string? Parent);
}

/// <param name="DisplayName">How the team catalog names the team (a Backstage group's display name).</param>
/// <param name="Parent">The team it is part of, in the team catalog.</param>
public sealed record TeamInfo(string Team, IReadOnlyList<string> Services, long Engineers, DateOnly? AdoptedOn, string? AdoptionSource, string? DisplayName = null, string? Parent = null);


public sealed record ServiceInfo(
    string Name,
    string Team,
    string Source,
    string Repository,
    string GoldenPathTemplate,
    string Lifecycle,
    string PagerdutyServiceId,
    string JiraComponent,
    IReadOnlyList<string> ProductionEnvironments,
    string System = "",
    string Domain = "");
