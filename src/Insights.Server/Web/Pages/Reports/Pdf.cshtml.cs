using Insights.Reports.Delivery;
using Insights.Reports.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Insights.Server.Web.Pages.Reports;

/// <summary>A stored report's PDF for a signed-in admin, shown in the browser (inline).</summary>
public sealed class PdfModel(ReportStore store) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await store.GetPdfAsync(id, ct) is not { } found)
        {
            return WebPageFilter.Error(HttpContext, StatusCodes.Status404NotFound, $"There is no report {id}; it may have been made again under another id.");
        }

        // A PDF runs no script of ours: the browser's viewer needs to embed it, which the pages' CSP forbids.
        Response.Headers.ContentSecurityPolicy = "default-src 'none'; object-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";
        Response.Headers.CacheControl = "private, no-store";
        Response.Headers.ContentDisposition = $"inline; filename=\"{ReportMailer.FileName(found.Report)}\"";
        return File(found.Pdf, "application/pdf");
    }
}
