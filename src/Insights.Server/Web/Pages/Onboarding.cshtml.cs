using Insights.Domain.Metrics;
using Insights.Server.Web.Figures;

namespace Insights.Server.Web.Pages;

/// <summary>Onboarding: the scope's figures, cohorts by start month, and each team's (small groups hidden, as the engine hides them).</summary>
public sealed class OnboardingModel(PageFigures figures) : WebPageModel
{
    /// <summary>Onboarding reads cohorts of months: half a year by default.</summary>
    public const int DefaultWeeks = 26;

    public PeopleView View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await ReadScopeAsync(allowService: false, DefaultWeeks);
        View = await figures.MetricPageAsync(MetricCatalog.OnboardingTime, Scope, Range, Interval.Month, Account, ct);
    }

    public ByTeamTable ByTeamTable() => new(
        MetricCatalog.OnboardingTime,
        View.ByTeam,
        MinimumGroupSize,
        [("Engineers", v => FigureText.Count((long?)v.Number("engineers"))), ("In production", v => FigureText.Count(v.N)), ("Median", v => FigureText.Value(MetricCatalog.OnboardingTime, v.Value)),
         ("Within 30 days", v => FigureText.Value(MetricCatalog.AdoptionRate, v.Number("reached_within_30d_percent")))],
        this,
        "month");
}
