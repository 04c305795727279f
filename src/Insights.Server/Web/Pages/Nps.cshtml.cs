using Insights.Domain.Metrics;
using Insights.Server.Web.Figures;

namespace Insights.Server.Web.Pages;

/// <summary>
/// Developer NPS: score, margin, trend and each team's, exactly as the engine answers them (small
/// groups suppressed there, never here); comments for admins, grouped as the comments API groups them.
/// </summary>
public sealed class NpsModel(PageFigures figures) : WebPageModel
{
    public PeopleView View { get; private set; } = null!;

    /// <summary>Null for viewers: comments are for admins, as in the API.</summary>
    public IReadOnlyList<NpsComments>? Comments { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await ReadScopeAsync(allowService: false);
        var view = figures.MetricPageAsync(MetricCatalog.Nps, Scope, Range, Interval.Month, Account, ct);
        var comments = Account.IsAdmin && Scope.IsOrganisation ? figures.CommentsAsync(Range, ct) : null;
        await Task.WhenAll([view, .. comments is null ? [] : new Task[] { comments }]);
        View = view.Result;
        Comments = comments?.Result;
    }

    public ByTeamTable ByTeamTable() => new(
        MetricCatalog.Nps,
        View.ByTeam,
        MinimumGroupSize,
        [("NPS", v => FigureText.Value(MetricCatalog.Nps, v.Value)), ("Margin", v => v.Number("margin_of_error") is { } m ? "±" + FigureText.Number(m) : "—"), ("Answers", v => FigureText.Count(v.N))],
        this);
}
