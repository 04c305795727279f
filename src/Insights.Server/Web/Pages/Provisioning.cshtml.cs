using Insights.Domain.Metrics;
using Insights.Server.Web.Figures;

namespace Insights.Server.Web.Pages;

/// <summary>Provisioning: time to ready, self-service against tickets, pending requests and the oldest, per week and per team.</summary>
public sealed class ProvisioningModel(PageFigures figures) : WebPageModel
{
    public PeopleView View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await ReadScopeAsync(allowService: false);
        View = await figures.MetricPageAsync(MetricCatalog.ProvisioningTime, Scope, Range, Interval.Week, Account, ct);
    }

    public ByTeamTable ByTeamTable() => new(
        MetricCatalog.ProvisioningTime,
        View.ByTeam,
        MinimumGroupSize,
        [("Ready", v => FigureText.Count(v.N)), ("Median", v => FigureText.Value(MetricCatalog.ProvisioningTime, v.Value)), ("p90", v => FigureText.Value(MetricCatalog.ProvisioningTime, v.P90)),
         ("Pending", v => FigureText.Count((long?)v.Number("pending"))), ("Oldest pending", v => v.Number("oldest_pending_hours") is { } h ? FigureText.Hours(h) : "—")],
        this);
}
