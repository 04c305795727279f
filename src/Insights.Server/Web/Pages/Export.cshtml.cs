using System.Text;
using Insights.Domain.Metrics;
using Insights.Server.Apis;
using Insights.Server.Web.Figures;
using Insights.Warehouse.Metrics;
using Microsoft.AspNetCore.Mvc;

namespace Insights.Server.Web.Pages;

/// <summary>
/// A metric's series as CSV for a signed-in person: the very file <c>GET /api/v1/metrics/{metric}/series.csv</c>
/// gives for the same scope and range (one row per week), within what the viewer may see.
/// </summary>
public sealed class ExportModel(MetricEngine engine) : WebPageModel
{
    public async Task<IActionResult> OnGetAsync(string metric, CancellationToken ct)
    {
        if (!MetricCatalog.TryGet(metric, out var definition))
        {
            throw WebProblem.NotFound($"There is no metric “{metric}”.");
        }

        await ReadScopeAsync(allowService: true);
        if (Scope.Service is not null && !definition.UsesService)
        {
            throw new MetricQueryException("service", $"does not apply to {definition.Title} (it belongs to teams, not services)");
        }

        var result = await engine.ComputeAsync(ScopeBoards.Query(definition, Scope, Range), ct);
        var scope = Scope.Service ?? Scope.Team ?? "organisation";
        var name = $"{metric}-{scope}-{Range.From:yyyy-MM-dd}-{Range.To:yyyy-MM-dd}.csv";
        return File(Encoding.UTF8.GetBytes(MetricSeriesApi.Csv(MetricSeriesApi.Rows(result, definition))), "text/csv; charset=utf-8", name);
    }
}
