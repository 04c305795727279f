using Insights.Domain.Metrics;
using Insights.Server.Metrics;
using Insights.Warehouse.Metrics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Insights.Server.Web;

/// <summary>
/// A metric's items streamed as the API's items CSV (<see cref="MetricItemsCsv"/>), as a download. The first row is read before (as the API does), so
/// that a failing question is an error page, not a cut-off file; the export is disposed after the last row.
/// </summary>
public sealed class ItemsCsvResult(MetricItemsExport export, IAsyncEnumerator<MetricItem> rows, bool first, MetricDefinition metric, string fileName) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = fileName, FileName = fileName }.ToString();
        await MetricItemsCsv.WriteAsync(response.Body, export, rows, first, metric);
    }
}
