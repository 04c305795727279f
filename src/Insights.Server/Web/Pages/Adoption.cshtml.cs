using Insights.Domain.Metrics;
using Insights.Server.Web.Figures;

namespace Insights.Server.Web.Pages;

/// <summary>Adoption: per team over time, golden path against the rest, before/after per team (with warnings), and who is not on a golden path.</summary>
public sealed class AdoptionModel(PageFigures figures) : WebPageModel
{
    /// <summary>Weeks before and after a team's adoption, as the API's default.</summary>
    public const int ImpactWeeks = 12;

    public AdoptionView View { get; private set; } = null!;

    public IReadOnlyList<DateOnly> Weeks => [.. PeriodCalendar.Periods(Range.From, Range.To, Interval.Week)];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Range = PageRange.Parse(Request.Query, Today);
        View = await figures.AdoptionAsync(Range, Account, Today, ImpactWeeks, ct);
    }

    /// <summary>A weekly cell's shade (a class: the CSP allows no inline style); the number is always written too.</summary>
    public static string Heat(double? percent) => percent switch
    {
        null => "heat-none",
        < 20 => "heat-0",
        < 40 => "heat-1",
        < 60 => "heat-2",
        < 80 => "heat-3",
        _ => "heat-4",
    };
}
