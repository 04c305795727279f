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
        var teams = await catalog.TeamsAsync(cancellationToken).ConfigureAwait(false);
        var teamImpact = team is null ? null : await TeamAsync(team, teams, weeks, benchmark, today, cancellationToken).ConfigureAwait(false);
        var golden = await CompareAsync(true, from, to, benchmark, cancellationToken).ConfigureAwait(false);
        var other = await CompareAsync(false, from, to, benchmark, cancellationToken).ConfigureAwait(false);
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

        var before = await WindowAsync(team, adopted.AddDays(-7 * weeks), adopted, benchmark, cancellationToken).ConfigureAwait(false);
        var afterEnd = adopted.AddDays(7 * weeks);
        var after = await WindowAsync(team, adopted, afterEnd < today.AddDays(1) ? afterEnd : today.AddDays(1), benchmark, cancellationToken).ConfigureAwait(false);
        return new TeamImpact(team, adopted, info.AdoptionSource!, before, after);
    }

    private async Task<ImpactWindow> WindowAsync(string team, DateOnly from, DateOnly to, string? benchmark, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, MetricValues>(StringComparer.Ordinal);
        foreach (var metric in MetricCatalog.FourKeys)
        {
            var result = await engine.ComputeAsync(new MetricQuery(metric, from, to) { Team = team, Benchmark = benchmark }, cancellationToken).ConfigureAwait(false);
            results[metric.Name] = result.Summary;
        }

        return new ImpactWindow(from, to, results);
    }

    private async Task<IReadOnlyDictionary<string, MetricValues>> CompareAsync(bool goldenPath, DateOnly from, DateOnly to, string? benchmark, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, MetricValues>(StringComparer.Ordinal);
        foreach (var metric in Compared)
        {
            var result = await engine.ComputeAsync(new MetricQuery(metric, from, to) { GoldenPath = goldenPath, Benchmark = benchmark }, cancellationToken).ConfigureAwait(false);
            results[metric.Name] = result.Summary;
        }

        return results;
    }
}

public sealed record ImpactResult(int Weeks, TeamImpact? Team, PathComparison GoldenPathVsOther, IReadOnlyList<TeamAdoption> Teams);

/// <param name="AdoptedOn">Null when the team has no golden-path deployment and no configured date.</param>
public sealed record TeamImpact(string Team, DateOnly? AdoptedOn, string? AdoptionSource, ImpactWindow? Before, ImpactWindow? After);

public sealed record ImpactWindow(DateOnly From, DateOnly To, IReadOnlyDictionary<string, MetricValues> Metrics);

public sealed record PathComparison(DateOnly From, DateOnly To, IReadOnlyDictionary<string, MetricValues> GoldenPath, IReadOnlyDictionary<string, MetricValues> Other);

public sealed record TeamAdoption(string Team, DateOnly? AdoptedOn, string? AdoptionSource);
