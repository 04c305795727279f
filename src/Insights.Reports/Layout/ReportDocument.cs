using SkiaSharp;

namespace Insights.Reports.Layout;

/// <summary>
/// An A4 PDF drawn with SkiaSharp's PDF backend: pages in points (1/72 inch), fonts embedded, charts
/// and text as vectors. Each page gets the running footer; <see cref="Finish"/> returns the bytes.
/// </summary>
public sealed class ReportDocument : IDisposable
{
    public const float Width = 595.28f;
    public const float Height = 841.89f;
    public const float Margin = 40f;
    public const float FooterHeight = 18f;

    private readonly MemoryStream _stream = new();
    private readonly SKDocument _document;
    private readonly string _footer;
    private ReportPage? _page;
    private bool _finished;

    public ReportDocument(ReportFonts fonts, string title, string subject, DateTime createdUtc, string footer)
    {
        Fonts = fonts;
        _footer = footer;
        _document = SKDocument.CreatePdf(_stream, new SKDocumentPdfMetadata
        {
            Title = title,
            Subject = subject,
            Author = "Platform Insights",
            Creator = "Platform Insights weekly report",
            Producer = "Platform Insights (SkiaSharp PDF)",
            Creation = createdUtc,
            Modified = createdUtc,
            RasterDpi = 300,
        }) ?? throw new InvalidOperationException("SkiaSharp could not create a PDF document.");
    }

    public ReportFonts Fonts { get; }

    public int PageCount { get; private set; }

    /// <summary>Ends the current page (if any) and starts the next.</summary>
    public ReportPage NewPage()
    {
        EndPage();
        var canvas = _document.BeginPage(Width, Height);
        PageCount++;
        var content = new SKRect(Margin, Margin, Width - Margin, Height - Margin - FooterHeight);
        _page = new ReportPage(canvas, Fonts, PageCount, content);
        return _page;
    }

    public byte[] Finish()
    {
        if (!_finished)
        {
            EndPage();
            _document.Close();
            _finished = true;
        }

        return _stream.ToArray();
    }

    public void Dispose()
    {
        _document.Dispose();
        _stream.Dispose();
    }

    private void EndPage()
    {
        if (_page is null)
        {
            return;
        }

        var footerTop = Height - Margin - FooterHeight + 6;
        _page.Line(Margin, footerTop, Width - Margin, footerTop, Palette.Rule, 0.5f);
        var baseline = footerTop + 10;
        _page.DrawText(_footer, Margin, baseline, TextStyle.Note);
        _page.DrawText($"page {_page.Number}", Width - Margin, baseline, TextStyle.Note, Align.Right);
        _document.EndPage();
        _page = null;
    }
}
