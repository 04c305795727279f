using Insights.Domain.Metrics;
using Insights.Server.Web.Figures;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Insights.Server.Web.Pages;

/// <summary>
/// The landing page: a scope's DORA level and figures over a range, with their change, and the teams
/// table. Every figure is asked of the metric engine at once (the board and the table in parallel).
/// </summary>
public sealed class IndexModel(ScopeBoards boards, PageFigures figures) : WebPageModel
{
    public static IReadOnlyList<(string Key, string Label)> Columns { get; } =
    [
        ("team", "Team"), ("level", "DORA level"),
        ("deployment-frequency", "Deploys"), ("lead-time", "Lead time"), ("change-failure-rate", "Failure rate"), ("recovery-time", "Recovery"),
        ("adoption-rate", "Adoption"), ("services", "Services"),
    ];

    public ScopeBoard Board { get; private set; } = null!;

    /// <summary>The teams table (the organisation's scope only), sorted as asked.</summary>
    public IReadOnlyList<TeamRow>? Teams { get; private set; }

    public string Sort { get; private set; } = "team";

    public bool Descending { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await ReadScopeAsync(allowService: false);
        ReadSort();
        var board = boards.ComputeAsync(Scope, Range, ct);
        var teams = Scope.IsOrganisation ? figures.TeamRowsAsync(Range, Account, ct) : null;
        await Task.WhenAll([board, .. teams is null ? [] : new Task[] { teams }]);
        Board = board.Result;
        Teams = teams is null ? null : Sorted(teams.Result);
    }

    private void ReadSort()
    {
        Sort = Request.Query["sort"].ToString() is { Length: > 0 } sort ? sort : "team";
        if (Columns.All(c => c.Key != Sort))
        {
            throw new Warehouse.Metrics.MetricQueryException("sort", $"must be one of {string.Join(", ", Columns.Select(c => c.Key))}; got '{Sort}'");
        }

        Descending = Request.Query["dir"].ToString() switch
        {
            "" or "asc" => false,
            "desc" => true,
            var other => throw new Warehouse.Metrics.MetricQueryException("dir", $"must be asc or desc; got '{other}'"),
        };
    }

    private List<TeamRow> Sorted(IReadOnlyList<TeamRow> rows)
    {
        // Teams without a figure go last whichever the direction.
        IOrderedEnumerable<TeamRow> ordered = Sort switch
        {
            "team" => Descending ? rows.OrderByDescending(r => r.Team, StringComparer.Ordinal) : rows.OrderBy(r => r.Team, StringComparer.Ordinal),
            "services" => Descending ? rows.OrderByDescending(r => r.Services) : rows.OrderBy(r => r.Services),
            "level" => ByNumber(rows, r => r.Dora.Overall.Band is { } band ? (double)Enum.Parse<Band>(band, ignoreCase: true) : null),
            "adoption-rate" => ByNumber(rows, r => r.Adoption.Value),
            var metric => ByNumber(rows, r => r.Key(metric).Value),
        };
        return ordered.ThenBy(r => r.Team, StringComparer.Ordinal).ToList();
    }

    private IOrderedEnumerable<TeamRow> ByNumber(IEnumerable<TeamRow> rows, Func<TeamRow, double?> key) =>
        Descending
            ? rows.OrderBy(r => key(r) is null).ThenByDescending(key)
            : rows.OrderBy(r => key(r) is null).ThenBy(key);

    public string? AriaSort(string column) => column == Sort ? (Descending ? "descending" : "ascending") : null;

    /// <summary>Sorting by a column: ascending first, then the other way round.</summary>
    public string SortUrl(string column) =>
        Here(("sort", column), ("dir", column == Sort && !Descending ? "desc" : null)) + "#teams";

    /// <summary>Tiles of metrics with a page of their own link to it, with the same scope and range.</summary>
    public void AddDetailLinks(ViewDataDictionary viewData)
    {
        var team = ("team", Scope.Team);
        viewData["DetailUrl:" + MetricCatalog.AdoptionRate.Name] = Link("/adoption");
        viewData["DetailUrl:" + MetricCatalog.OnboardingTime.Name] = Link("/onboarding", team);
        viewData["DetailUrl:" + MetricCatalog.ProvisioningTime.Name] = Link("/provisioning", team);
        viewData["DetailUrl:" + MetricCatalog.Nps.Name] = Link("/nps", team);
    }
}
