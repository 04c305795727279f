namespace Insights.Reports.Rendering;

/// <summary>A drawn report: the PDF's bytes and how many pages it has.</summary>
public sealed record RenderedReport(byte[] Pdf, int Pages);
