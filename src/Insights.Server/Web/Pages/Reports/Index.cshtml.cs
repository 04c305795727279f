using Insights.Reports;
using Insights.Reports.Content;
using Insights.Reports.Storage;
using Insights.Reports.Weeks;
using Insights.Warehouse.Metrics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Insights.Server.Web.Pages.Reports;

/// <summary>The report archive (admins, as in the API: a report carries developers' comments), and "make one now".</summary>
public sealed class ReportsModel(ReportStore store, ReportGenerator generator, CatalogQueries catalog, IOptionsMonitor<ReportsOptions> options, TimeProvider clock) : WebPageModel
{
    public const int Shown = 100;

    public IReadOnlyList<StoredReport> Reports { get; private set; } = [];

    public IReadOnlyList<IsoWeek> Weeks { get; private set; } = [];

    public IReadOnlyList<string> Teams { get; private set; } = [];

    public StoredReport? Made { get; private set; }

    public string? Error { get; private set; }

    public static string PdfUrl(Guid id) => $"/reports/{id}.pdf";

    public async Task OnGetAsync([FromQuery] Guid? made, CancellationToken ct)
    {
        await LoadAsync(ct);
        Made = made is { } id ? Reports.FirstOrDefault(r => r.Id == id) : null;
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string? week, [FromForm] string? team, CancellationToken ct)
    {
        var latest = IsoWeek.LastFull(clock.GetUtcNow(), options.CurrentValue.Zone);
        if (!IsoWeek.TryParse(week, out var chosen) || chosen > latest)
        {
            return await FailAsync($"The week must be a full ISO week up to {latest}; got '{week}'.", ct);
        }

        ReportScope scope = ReportScope.Organisation;
        if (!string.IsNullOrWhiteSpace(team))
        {
            var teams = await catalog.TeamNamesAsync(ct);
            if (!teams.Contains(team.Trim(), StringComparer.Ordinal))
            {
                return await FailAsync($"“{team}” is not a team of the catalog.", ct);
            }

            scope = ReportScope.ForTeam(team.Trim());
        }

        var made = await generator.GenerateAsync(chosen, scope, ReportTrigger.Api, replace: true, deliver: false, run: null, ct);
        return Redirect($"/reports?made={made.Report.Id}");
    }

    private async Task<IActionResult> FailAsync(string error, CancellationToken ct)
    {
        Error = error;
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var reports = store.ListAsync(null, null, null, Shown, ct);
        var teams = catalog.TeamNamesAsync(ct);
        await Task.WhenAll(reports, teams);
        Reports = reports.Result;
        Teams = teams.Result;
        var latest = IsoWeek.LastFull(clock.GetUtcNow(), options.CurrentValue.Zone);
        Weeks = Enumerable.Range(0, 12).Select(i => IsoWeek.Containing(latest.Monday.AddDays(-7 * i))).ToList();
    }
}
