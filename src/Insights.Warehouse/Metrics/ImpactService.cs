using Insights.Domain.Metrics;

namespace Insights.Warehouse.Metrics;

/// <summary>
/// Before and after the platform: a team's four keys in the N weeks before its adoption date and the
/// N weeks after (adoption = its first golden-path production deployment, or a configured date), and
/// organisation-wide, golden-path deployments against the others over the same range.
/// </summary>
public sealed class ImpactService(MetricEngine engine, CatalogQueries catalog)
{
    /// <summary>The metrics compared for golden-path against other deployments (manifests' <c>golden_path_comparison</c>).</summary>
    private static readonly MetricDefinition[] Compared = [.. MetricCatalog.All.Where(m => m.GoldenPathComparison)];

    public async Task<ImpactResult> ComputeAsync(string? team, int weeks, DateOnly from, DateOnly to, string? benchmark, DateOnly today, CancellationToken cancellationToken = default)
    {
        // The organisation-wide comparison does not need the catalog: it runs while the team's part is asked.
        var comparison = CompareAsync(from, to, benchmark, cancellationToken);
        var starts = team is null ? Task.FromResult(DataStarts.None) : catalog.DataStartsAsync(cancellationToken);
        var teams = await catalog.TeamsAsync(cancellationToken).ConfigureAwait(false);
        var teamImpact = team is null ? null : await TeamAsync(team, teams, await starts.ConfigureAwait(false), weeks, benchmark, today, cancellationToken).ConfigureAwait(false);
        var (golden, other) = await comparison.ConfigureAwait(false);
        return new ImpactResult(
            weeks,
            teamImpact,
            new PathComparison(from, to, golden, other),
            teams.Select(t => new TeamAdoption(t.Team, t.AdoptedOn, t.AdoptionSource)).ToList());
    }

    /// <summary>One team's four keys before and after its adoption, without the organisation-wide comparison.</summary>
    public async Task<TeamImpact> TeamAsync(string team, int weeks, string? benchmark, DateOnly today, CancellationToken cancellationToken = default)
    {
        var starts = catalog.DataStartsAsync(cancellationToken);
        var teams = await catalog.TeamsAsync(cancellationToken).ConfigureAwait(false);
        return await TeamAsync(team, teams, await starts.ConfigureAwait(false), weeks, benchmark, today, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Several teams' impact at once (Grafana's table of every adopted team), each equal to
    /// <see cref="TeamAsync(string, int, string?, DateOnly, CancellationToken)"/>. Teams that adopted on
    /// the same day share their windows, so each window's four keys are asked once for all of them
    /// (<see cref="MetricEngine.ComputeByTeamAsync"/>, whose answer for a team is that team's filtered
    /// answer); a team alone on its day is asked on its own, which reads only its services.
    /// </summary>
    public async Task<IReadOnlyList<TeamImpact>> TeamsAsync(IReadOnlyList<string> teams, int weeks, string? benchmark, DateOnly today, CancellationToken cancellationToken = default)
    {
        var starts = catalog.DataStartsAsync(cancellationToken);
        var infos = await catalog.TeamsAsync(cancellationToken).ConfigureAwait(false);
        var dataStarts = await starts.ConfigureAwait(false);
        var known = infos.ToDictionary(t => t.Team, StringComparer.Ordinal);
        var results = new TeamImpact[teams.Count];
        var days = teams
            .Select((team, index) => (Team: team, Index: index, Info: known.GetValueOrDefault(team)))
            .GroupBy(t => t.Info?.AdoptedOn)
            .ToList();
        await Parallel.ForEachAsync(days, new ParallelOptions { MaxDegreeOfParallelism = AdoptionDaysAtOnce, CancellationToken = cancellationToken }, async (day, ct) =>
        {
            var members = day.ToList();
            if (day.Key is not { } adopted || members.Count == 1)
            {
                foreach (var member in members)
                {
                    results[member.Index] = await TeamAsync(member.Team, infos, dataStarts, weeks, benchmark, today, ct).ConfigureAwait(false);
                }

                return;
            }

            var (beforeFrom, afterTo) = Windows(adopted, weeks, today);
            var before = WindowForEveryTeamAsync(beforeFrom, adopted, benchmark, ct);
            var after = WindowForEveryTeamAsync(adopted, afterTo, benchmark, ct);
            var (beforeOf, afterOf) = (await before.ConfigureAwait(false), await after.ConfigureAwait(false));
            foreach (var member in members)
            {
                var dataFrom = dataStarts.For(member.Team);
                results[member.Index] = new TeamImpact(member.Team, adopted, member.Info!.AdoptionSource!, dataFrom, beforeOf(member.Team, dataFrom), afterOf(member.Team, dataFrom));
            }
        }).ConfigureAwait(false);
        return results;
    }

    private const int AdoptionDaysAtOnce = 4;

    private async Task<TeamImpact> TeamAsync(string team, IReadOnlyList<TeamInfo> teams, DataStarts starts, int weeks, string? benchmark, DateOnly today, CancellationToken cancellationToken)
    {
        var info = teams.FirstOrDefault(t => t.Team == team);
        var dataFrom = starts.For(team);
        if (info?.AdoptedOn is not { } adopted)
        {
            return new TeamImpact(team, null, null, dataFrom, null, null);
        }

        var (beforeFrom, afterTo) = Windows(adopted, weeks, today);
        var before = WindowAsync(team, beforeFrom, adopted, dataFrom, benchmark, cancellationToken);
        var after = WindowAsync(team, adopted, afterTo, dataFrom, benchmark, cancellationToken);
        return new TeamImpact(team, adopted, info.AdoptionSource!, dataFrom, await before.ConfigureAwait(false), await after.ConfigureAwait(false));
    }

    /// <summary>The N weeks before the adoption day, and the N weeks from it (up to today).</summary>
    private static (DateOnly BeforeFrom, DateOnly AfterTo) Windows(DateOnly adopted, int weeks, DateOnly today)
    {
        var afterEnd = adopted.AddDays(7 * weeks);
        return (adopted.AddDays(-7 * weeks), afterEnd < today.AddDays(1) ? afterEnd : today.AddDays(1));
    }

    /// <summary>A team's four keys over a window, asked together (a team's questions read its own services only).</summary>
    private async Task<ImpactWindow> WindowAsync(string team, DateOnly from, DateOnly to, DateOnly? dataFrom, string? benchmark, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(MetricCatalog.FourKeys.Select(metric =>
            engine.ComputeAsync(new MetricQuery(metric, from, to) { Team = team, Benchmark = benchmark }, cancellationToken))).ConfigureAwait(false);
        return ImpactWindow.Of(from, to, dataFrom, results.ToDictionary(r => r.Metric, r => r.Summary, StringComparer.Ordinal));
    }

    /// <summary>Every team's four keys over a window: four questions, whatever the number of teams.</summary>
    private async Task<Func<string, DateOnly?, ImpactWindow>> WindowForEveryTeamAsync(DateOnly from, DateOnly to, string? benchmark, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(MetricCatalog.FourKeys.Select(metric =>
            engine.ComputeByTeamAsync(new MetricQuery(metric, from, to) { Benchmark = benchmark }, cancellationToken))).ConfigureAwait(false);
        return (team, dataFrom) => ImpactWindow.Of(from, to, dataFrom, results.Select(r => r.For(team)).ToDictionary(r => r.Metric, r => r.Summary, StringComparer.Ordinal));
    }

    /// <summary>
    /// Golden-path deployments against the others, organisation-wide: each metric's two halves come
    /// from one question (<see cref="MetricEngine.ComputeByGoldenPathAsync"/>), the metrics asked together.
    /// </summary>
    private async Task<(IReadOnlyDictionary<string, MetricValues> Golden, IReadOnlyDictionary<string, MetricValues> Other)> CompareAsync(
        DateOnly from, DateOnly to, string? benchmark, CancellationToken cancellationToken)
    {
        var splits = await Task.WhenAll(Compared.Select(metric =>
            engine.ComputeByGoldenPathAsync(new MetricQuery(metric, from, to) { Benchmark = benchmark }, cancellationToken))).ConfigureAwait(false);
        return (
            splits.ToDictionary(s => s.GoldenPath.Metric, s => s.GoldenPath.Summary, StringComparer.Ordinal),
            splits.ToDictionary(s => s.Other.Metric, s => s.Other.Summary, StringComparer.Ordinal));
    }
}

public sealed record ImpactResult(int Weeks, TeamImpact? Team, PathComparison GoldenPathVsOther, IReadOnlyList<TeamAdoption> Teams);

/// <param name="AdoptedOn">Null when the team has no golden-path deployment and no configured date.</param>
/// <param name="DataFrom">The team's first day with data (<see cref="DataStarts"/>); null when it has none.</param>
public sealed record TeamImpact(string Team, DateOnly? AdoptedOn, string? AdoptionSource, DateOnly? DataFrom, ImpactWindow? Before, ImpactWindow? After);

public sealed record PathComparison(DateOnly From, DateOnly To, IReadOnlyDictionary<string, MetricValues> GoldenPath, IReadOnlyDictionary<string, MetricValues> Other);

public sealed record TeamAdoption(string Team, DateOnly? AdoptedOn, string? AdoptionSource);
