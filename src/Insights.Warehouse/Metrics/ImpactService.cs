using Insights.Domain.Metrics;

namespace Insights.Warehouse.Metrics;

/// <summary>
/// Before and after the platform: a team's four keys in the N weeks before its adoption date and the
/// N weeks after (adoption = its first golden-path production deployment, or a configured date), and
/// organisation-wide, golden-path deployments against the others over the same range.
/// </summary>
public sealed class ImpactService(MetricEngine engine, CatalogQueries catalog)
{
    private static readonly MetricDefinition[] Compared = [MetricCatalog.ChangeFailureRate, MetricCatalog.LeadTime, MetricCatalog.RecoveryTime];

    public async Task<ImpactResult> ComputeAsync(string? team, int weeks, DateOnly from, DateOnly to, string? benchmark, DateOnly today, CancellationToken cancellationToken = default)
    {
        // The organisation-wide comparison does not need the catalog: it runs while the team's part is asked.
        var comparison = CompareAsync(from, to, benchmark, cancellationToken);
        var teams = await catalog.TeamsAsync(cancellationToken).ConfigureAwait(false);
        var teamImpact = team is null ? null : await TeamAsync(team, teams, weeks, benchmark, today, cancellationToken).ConfigureAwait(false);
        var (golden, other) = await comparison.ConfigureAwait(false);
        return new ImpactResult(
            weeks,
            teamImpact,
            new PathComparison(from, to, golden, other),
            teams.Select(t => new TeamAdoption(t.Team, t.AdoptedOn, t.AdoptionSource)).ToList());
    }

    /// <summary>One team's four keys before and after its adoption, without the organisation-wide comparison.</summary>
    public async Task<TeamImpact> TeamAsync(string team, int weeks, string? benchmark, DateOnly today, CancellationToken cancellationToken = default) =>
        await TeamAsync(team, await catalog.TeamsAsync(cancellationToken).ConfigureAwait(false), weeks, benchmark, today, cancellationToken).ConfigureAwait(false);

    private async Task<TeamImpact> TeamAsync(string team, IReadOnlyList<TeamInfo> teams, int weeks, string? benchmark, DateOnly today, CancellationToken cancellationToken)
    {
        var info = teams.FirstOrDefault(t => t.Team == team);
        if (info?.AdoptedOn is not { } adopted)
        {
            return new TeamImpact(team, null, null, null, null);
        }

        var afterEnd = adopted.AddDays(7 * weeks);
        var before = WindowAsync(team, adopted.AddDays(-7 * weeks), adopted, benchmark, cancellationToken);
        var after = WindowAsync(team, adopted, afterEnd < today.AddDays(1) ? afterEnd : today.AddDays(1), benchmark, cancellationToken);
        return new TeamImpact(team, adopted, info.AdoptionSource!, await before.ConfigureAwait(false), await after.ConfigureAwait(false));
    }

    /// <summary>A team's four keys over a window, asked together (a team's questions read its own services only).</summary>
    private async Task<ImpactWindow> WindowAsync(string team, DateOnly from, DateOnly to, string? benchmark, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(MetricCatalog.FourKeys.Select(metric =>
            engine.ComputeAsync(new MetricQuery(metric, from, to) { Team = team, Benchmark = benchmark }, cancellationToken))).ConfigureAwait(false);
        return new ImpactWindow(from, to, results.ToDictionary(r => r.Metric, r => r.Summary, StringComparer.Ordinal));
    }

    /// <summary>
    /// Golden-path deployments against the others, organisation-wide: each metric's two questions run
    /// together, the metrics one after another (an organisation-wide question can be large).
    /// </summary>
    private async Task<(IReadOnlyDictionary<string, MetricValues> Golden, IReadOnlyDictionary<string, MetricValues> Other)> CompareAsync(
        DateOnly from, DateOnly to, string? benchmark, CancellationToken cancellationToken)
    {
        var golden = new Dictionary<string, MetricValues>(StringComparer.Ordinal);
        var other = new Dictionary<string, MetricValues>(StringComparer.Ordinal);
        foreach (var metric in Compared)
        {
            var pair = await Task.WhenAll(
                engine.ComputeAsync(new MetricQuery(metric, from, to) { GoldenPath = true, Benchmark = benchmark }, cancellationToken),
                engine.ComputeAsync(new MetricQuery(metric, from, to) { GoldenPath = false, Benchmark = benchmark }, cancellationToken)).ConfigureAwait(false);
            golden[metric.Name] = pair[0].Summary;
            other[metric.Name] = pair[1].Summary;
        }

        return (golden, other);
    }
}

public sealed record ImpactResult(int Weeks, TeamImpact? Team, PathComparison GoldenPathVsOther, IReadOnlyList<TeamAdoption> Teams);

/// <param name="AdoptedOn">Null when the team has no golden-path deployment and no configured date.</param>
public sealed record TeamImpact(string Team, DateOnly? AdoptedOn, string? AdoptionSource, ImpactWindow? Before, ImpactWindow? After);

public sealed record ImpactWindow(DateOnly From, DateOnly To, IReadOnlyDictionary<string, MetricValues> Metrics);

public sealed record PathComparison(DateOnly From, DateOnly To, IReadOnlyDictionary<string, MetricValues> GoldenPath, IReadOnlyDictionary<string, MetricValues> Other);

public sealed record TeamAdoption(string Team, DateOnly? AdoptedOn, string? AdoptionSource);
