using Insights.Server.Web.Auth;
using Insights.Server.Web.Figures;
using Insights.Warehouse.Metrics;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Insights.Server.Web;

/// <summary>What every page of the web app shares: who is signed in, today, the scope and range it shows, links that keep them.</summary>
public abstract class WebPageModel : PageModel
{
    private WebUser? _account;

    /// <summary>The signed-in person (every page but sign-in and errors needs one).</summary>
    public WebUser Account => _account ??= WebUser.From(User) ?? throw WebProblem.Forbidden("Sign in to see this page.");

    public DateOnly Today => DateOnly.FromDateTime(HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

    /// <summary>The page's scope, once checked against the catalog and the viewer's teams.</summary>
    public PageScope Scope { get; protected set; } = PageScope.Organisation;

    public PageRange Range { get; protected set; } = null!;

    /// <summary>The teams the signed-in person may pick (the scope selector).</summary>
    public IReadOnlyList<string> ScopeTeams { get; protected set; } = [];

    public int MinimumGroupSize => HttpContext.RequestServices.GetRequiredService<MetricEngine>().Options.MinimumGroupSize;

    /// <summary>
    /// Reads <c>team</c> (and, when <paramref name="allowService"/>, <c>service</c>) and the range from
    /// the query. An unknown team or service is a 404, a team the viewer may not see a 403; a viewer
    /// limited to teams who asks for the organisation gets their first team.
    /// </summary>
    protected async Task ReadScopeAsync(bool allowService, int defaultWeeks = PageRange.DefaultWeeks)
    {
        Range = PageRange.Parse(Request.Query, Today, defaultWeeks);
        var catalog = HttpContext.RequestServices.GetRequiredService<CatalogQueries>();
        var teams = await catalog.TeamNamesAsync(HttpContext.RequestAborted);
        ScopeTeams = teams.Where(Account.CanSee).ToList();
        var team = Text("team");
        var service = allowService ? Text("service") : null;
        if (service is not null)
        {
            _ = await ServiceOwnerAsync(service);
            Scope = new PageScope(null, service);
            return;
        }

        if (team is not null)
        {
            Scope = new PageScope(await VisibleTeamAsync(team, teams), null);
            return;
        }

        if (Account.IsLimited)
        {
            Scope = new PageScope(ScopeTeams.FirstOrDefault() ?? throw WebProblem.Forbidden(
                $"Your account is limited to the teams {string.Join(", ", Account.Teams)}, and none of them is in the catalog yet."), null);
            return;
        }

        Scope = PageScope.Organisation;
    }

    /// <summary>The team, checked: 404 when the catalog does not know it, 403 when the viewer may not see it.</summary>
    protected async Task<string> VisibleTeamAsync(string team, IReadOnlyList<string>? known = null)
    {
        known ??= await HttpContext.RequestServices.GetRequiredService<CatalogQueries>().TeamNamesAsync(HttpContext.RequestAborted);
        if (!known.Contains(team, StringComparer.Ordinal))
        {
            throw WebProblem.NotFound($"There is no team “{team}” in the catalog.");
        }

        if (!Account.CanSee(team))
        {
            throw WebProblem.Forbidden($"Your account may see the teams {string.Join(", ", Account.Teams)}; “{team}” is not one of them.");
        }

        return team;
    }

    /// <summary>The service's catalog entry, checked like a team (a viewer sees the services of their teams).</summary>
    protected async Task<ServiceInfo> ServiceOwnerAsync(string service)
    {
        var services = await HttpContext.RequestServices.GetRequiredService<CatalogQueries>().ServicesAsync(HttpContext.RequestAborted);
        var found = services.FirstOrDefault(s => s.Name == service) ?? throw WebProblem.NotFound($"There is no service “{service}” in the catalog.");
        if (!Account.CanSee(found.Team))
        {
            throw WebProblem.Forbidden($"“{service}” belongs to the team {found.Team}, which your account may not see.");
        }

        return found;
    }

    protected string? Text(string name)
    {
        var text = Request.Query[name].ToString().Trim();
        if (text.Length > 256)
        {
            throw new MetricQueryException(name, "is longer than 256 characters");
        }

        return text.Length == 0 ? null : text;
    }

    /// <summary>A link to <paramref name="path"/> that keeps the page's range, with the given parameters.</summary>
    public string Link(string path, params (string Name, string? Value)[] parameters)
    {
        var query = new List<KeyValuePair<string, string?>>();
        query.AddRange((Range?.Query() ?? []).Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value)));
        query.AddRange(parameters.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string?>(p.Name, p.Value)));
        return QueryString.Create(query).HasValue ? path + QueryString.Create(query) : path;
    }

    /// <summary>This page with the scope and range, and other parameters replaced.</summary>
    public string Here(params (string Name, string? Value)[] parameters) =>
        Link(Request.Path, [.. Scope.Query().Select(kv => (kv.Key, (string?)kv.Value)).Where(kv => parameters.All(p => p.Name != kv.Key)), .. parameters]);

    public static string TeamUrl(string team) => "/teams/" + Uri.EscapeDataString(team);

    public static string ServiceUrl(string service) => "/services/" + Uri.EscapeDataString(service);
}
