using Insights.Domain.Metrics;
using Insights.Server.Surveys;
using Insights.Server.Web.Auth;
using Insights.Warehouse.Metrics;
using Insights.Warehouse.Surveys;

namespace Insights.Server.Web.Figures;

/// <summary>
/// The figures of the web app's pages besides a scope's board, each page's questions asked of the
/// metric engine (and ImpactService, the survey store) together, never one after another.
/// </summary>
public sealed class PageFigures(MetricEngine engine, DoraService dora, ImpactService impact, CatalogQueries catalog, SurveyQueries surveys, CampaignStore campaigns)
{
    /// <summary>The overview's teams table: every visible team's four keys, level and adoption (five questions for all teams).</summary>
    public async Task<IReadOnlyList<TeamRow>> TeamRowsAsync(PageRange range, WebUser user, CancellationToken cancellationToken)
    {
        var teams = CatalogTeamsAsync(user, cancellationToken);
        var keys = MetricCatalog.FourKeys.Select(metric => engine.ComputeByTeamAsync(ScopeBoards.Query(metric, PageScope.Organisation, range), cancellationToken)).ToList();
        var adoption = engine.ComputeByTeamAsync(ScopeBoards.Query(MetricCatalog.AdoptionRate, PageScope.Organisation, range), cancellationToken);
        await Task.WhenAll([teams, adoption, .. keys]).ConfigureAwait(false);
        return teams.Result.Select(team =>
        {
            var scope = ScopeBoards.Query(MetricCatalog.DeploymentFrequency, new PageScope(team.Team, null), range);
            return new TeamRow(team.Team, team.Services.Count, dora.Combine(scope, keys.Select(k => k.Result.For(team.Team)).ToList()), adoption.Result.For(team.Team).Summary);
        }).ToList();
    }

    public async Task<AdoptionView> AdoptionAsync(PageRange range, WebUser user, DateOnly today, int impactWeeks, CancellationToken cancellationToken)
    {
        var organisation = user.IsLimited ? null : engine.ComputeAsync(ScopeBoards.Query(MetricCatalog.AdoptionRate, PageScope.Organisation, range), cancellationToken);
        var byTeam = engine.ComputeByTeamAsync(ScopeBoards.Query(MetricCatalog.AdoptionRate, PageScope.Organisation, range), cancellationToken);
        var golden = user.IsLimited
            ? []
            : MetricCatalog.FourKeys.Select(metric => engine.ComputeByGoldenPathAsync(ScopeBoards.Query(metric, PageScope.Organisation, range), cancellationToken)).ToList();
        var teams = CatalogTeamsAsync(user, cancellationToken);
        var services = catalog.ServicesAsync(cancellationToken);
        var impactRows = ImpactRowsAsync(teams, impactWeeks, today, cancellationToken);
        await Task.WhenAll([byTeam, teams, services, impactRows, .. golden, .. organisation is null ? [] : new Task[] { organisation }]).ConfigureAwait(false);

        var visible = teams.Result;
        var names = visible.Select(t => t.Team).ToHashSet(StringComparer.Ordinal);
        return new AdoptionView(
            range,
            organisation?.Result,
            visible.Select(t => (t.Team, byTeam.Result.For(t.Team))).ToList(),
            visible.Where(t => t.AdoptedOn is null).ToList(),
            services.Result.Where(s => names.Contains(s.Team) && string.IsNullOrEmpty(s.GoldenPathTemplate)).OrderBy(s => s.Team, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal).ToList(),
            golden.Select(g => g.Result).ToList(),
            impactRows.Result,
            impactWeeks);
    }

    /// <summary>
    /// Each adopted team's before/after (ImpactService, as the API answers it), and how much data each
    /// "before" window holds: deployment frequency by team per week, one question for every team, from a
    /// year before the earliest window to the latest adoption.
    /// </summary>
    private async Task<IReadOnlyList<ImpactRow>> ImpactRowsAsync(Task<IReadOnlyList<TeamInfo>> teamsTask, int weeks, DateOnly today, CancellationToken cancellationToken)
    {
        var adopted = (await teamsTask.ConfigureAwait(false)).Where(t => t.AdoptedOn is not null).ToList();
        if (adopted.Count == 0)
        {
            return [];
        }

        var to = adopted.Max(t => t.AdoptedOn!.Value);
        var from = adopted.Min(t => t.AdoptedOn!.Value).AddDays(-7 * weeks - 364);
        if (to.DayNumber - from.DayNumber > MetricEngine.MaxRangeDays)
        {
            from = to.AddDays(-MetricEngine.MaxRangeDays);
        }

        if (to <= from)
        {
            to = from.AddDays(1);
        }

        var impacts = impact.TeamsAsync(adopted.Select(t => t.Team).ToList(), weeks, null, today, cancellationToken);
        var coverage = engine.ComputeByTeamAsync(new MetricQuery(MetricCatalog.DeploymentFrequency, from, to), cancellationToken);
        await Task.WhenAll(impacts, coverage).ConfigureAwait(false);
        return impacts.Result.Select(team =>
        {
            var weeksWithDeployments = coverage.Result.For(team.Team).Series
                .Where(p => p.Number("deployments") is > 0)
                .Select(p => p.PeriodStart!.Value)
                .ToList();
            var first = weeksWithDeployments.Count == 0 ? (DateOnly?)null : weeksWithDeployments[0];
            var inBefore = team.Before is { } before ? weeksWithDeployments.Count(w => w.AddDays(7) > before.From && w < before.To) : 0;
            return new ImpactRow(team, first, inBefore);
        }).OrderBy(r => r.Impact.Team, StringComparer.Ordinal).ToList();
    }

    /// <summary>One metric for a scope with its series (<paramref name="interval"/>), and for every visible team when the scope is the organisation.</summary>
    public async Task<PeopleView> MetricPageAsync(MetricDefinition metric, PageScope scope, PageRange range, Interval interval, WebUser user, CancellationToken cancellationToken)
    {
        var result = engine.ComputeAsync(ScopeBoards.Query(metric, scope, range, interval), cancellationToken);
        var byTeam = scope.IsOrganisation ? engine.ComputeByTeamAsync(ScopeBoards.Query(metric, scope, range, interval), cancellationToken) : null;
        var teams = scope.IsOrganisation ? CatalogTeamsAsync(user, cancellationToken) : Task.FromResult<IReadOnlyList<TeamInfo>>([]);
        await Task.WhenAll([result, teams, .. byTeam is null ? [] : new Task[] { byTeam }]).ConfigureAwait(false);
        return new PeopleView(scope, range, result.Result, byTeam is null ? [] : teams.Result.Select(t => (t.Team, byTeam.Result.For(t.Team))).ToList());
    }

    /// <summary>The comments of the campaigns answered in the range, grouped as the comments API groups them.</summary>
    public async Task<IReadOnlyList<NpsComments>> CommentsAsync(PageRange range, CancellationToken cancellationToken)
    {
        var answered = await surveys.CampaignsAnsweredAsync(range.From, range.To, cancellationToken).ConfigureAwait(false);
        var names = (await campaigns.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(c => c.Id, c => c.Name);
        var groups = await Task.WhenAll(answered.Select(id => surveys.CommentsAsync(id, cancellationToken))).ConfigureAwait(false);
        return answered.Select((id, i) => new NpsComments(id, names.GetValueOrDefault(id, id.ToString()), groups[i])).Where(c => c.Groups.Count > 0).ToList();
    }

    /// <summary>The catalog's teams the user may see, in the catalog's order.</summary>
    public async Task<IReadOnlyList<TeamInfo>> CatalogTeamsAsync(WebUser user, CancellationToken cancellationToken) =>
        (await catalog.TeamsAsync(cancellationToken).ConfigureAwait(false)).Where(t => user.CanSee(t.Team)).ToList();
}
