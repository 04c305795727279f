using Insights.Reports.Layout;
using ScottPlot;
using SkiaSharp;

namespace Insights.Reports.Charts;

/// <summary>
/// Makes ScottPlot draw every label with the report's own typeface objects, so the PDF embeds each face
/// once (a second SKTypeface of the same file would be embedded again) and no system font is looked up.
/// ScottPlot caches the first typeface it resolves per name for the whole process, so charts always get
/// the same object: the fonts' <see cref="ReportFonts.Standard"/> subset (chart labels are fixed words
/// and numbers).
/// </summary>
public sealed class ChartFontResolver(ReportFonts fonts) : IFontResolver
{
    private static readonly Lock Gate = new();
    private static ChartFontResolver? _installed;

    public SKTypeface CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) => weight >= FontWeight.SemiBold ? fonts.Bold : fonts.Regular;

    public SKTypeface CreateTypeface(string fontName, bool bold, bool italic) => bold ? fonts.Bold : fonts.Regular;

    /// <summary>Puts a resolver for <paramref name="fonts"/> first in ScottPlot's (process-wide) list, once.</summary>
    public static void Install(ReportFonts fonts)
    {
        lock (Gate)
        {
            if (_installed is not null && ReferenceEquals(_installed.Fonts, fonts))
            {
                return;
            }

            if (_installed is not null)
            {
                ScottPlot.Fonts.FontResolvers.Remove(_installed);
            }

            _installed = new ChartFontResolver(fonts);
            ScottPlot.Fonts.FontResolvers.Insert(0, _installed);
            ScottPlot.Fonts.Default = ReportFonts.Family;
        }
    }

    private ReportFonts Fonts => fonts;
}
