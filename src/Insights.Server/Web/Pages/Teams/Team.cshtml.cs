using Insights.Server.Web.Figures;
using Insights.Warehouse.Metrics;

namespace Insights.Server.Web.Pages.Teams;

/// <summary>A team's figures, their weekly series, and its services with the golden-path template each uses.</summary>
public sealed class TeamModel(ScopeBoards boards, CatalogQueries catalog) : WebPageModel
{
    public ScopeBoard Board { get; private set; } = null!;

    public TeamInfo? Info { get; private set; }

    public IReadOnlyList<ServiceInfo> Services { get; private set; } = [];

    public async Task OnGetAsync(string team, CancellationToken ct)
    {
        Range = PageRange.Parse(Request.Query, Today);
        Scope = new PageScope(await VisibleTeamAsync(team), null);
        var board = boards.ComputeAsync(Scope, Range, ct);
        var teams = catalog.TeamsAsync(ct);
        var services = catalog.ServicesAsync(ct);
        await Task.WhenAll(board, teams, services);
        Board = board.Result;
        Info = teams.Result.FirstOrDefault(t => t.Team == team);
        Services = services.Result.Where(s => s.Team == team).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }
}
