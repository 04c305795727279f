using Insights.Warehouse.Metrics;
using Microsoft.AspNetCore.Mvc;

namespace Insights.Server.Web.Pages.Items;

/// <summary>
/// Every row behind a figure as CSV, for a signed-in person: the file <c>GET /api/v1/metrics/{metric}/items.csv</c>
/// gives for the same question (same reader, same columns, same writer), streamed, within what the viewer may see.
/// </summary>
public sealed class CsvModel(MetricItemReader reader) : ItemsPageModel
{
    public async Task<IActionResult> OnGetAsync(string metric, CancellationToken ct)
    {
        var definition = Load(metric);
        var query = await QueryAsync(definition);
        var export = await ReadAsync(() => reader.ExportAsync(query, ct));
        if (export.Suppressed)
        {
            await export.DisposeAsync();
            throw WebProblem.Forbidden($"This group has fewer than {reader.Options.MinimumGroupSize} people: its rows are not shown, like its figure.");
        }

        IAsyncEnumerator<MetricItem> rows;
        bool first;
        try
        {
            rows = export.Items.GetAsyncEnumerator(ct);
            first = await rows.MoveNextAsync();
        }
        catch
        {
            await export.DisposeAsync();
            throw;
        }

        var scope = Scope.Service ?? Scope.Team ?? "organisation";
        var name = $"{definition.Name}-items-{scope}-{Range.From:yyyy-MM-dd}-{Range.To:yyyy-MM-dd}.csv";
        return new ItemsCsvResult(export, rows, first, definition, name);
    }
}
