using System.Collections.Concurrent;
using SkiaSharp;

namespace Insights.Reports.Layout;

/// <summary>
/// The report's typefaces, read from TrueType files (Debian's fonts-dejavu-core, which ./run.sh and
/// ./test.sh install) and embedded in every PDF. TRICKY: SkiaSharp's Linux build embeds whole font
/// files (no subsetting, ~0.37 MB each), and Skia draws an emboldened regular face as paths (heavy, and
/// not text), so the report uses exactly two real faces: regular and bold.
/// </summary>
public sealed class ReportFonts
{
    public const string DefaultDirectory = "/usr/share/fonts/truetype/dejavu";
    public const string RegularFile = "DejaVuSans.ttf";
    public const string BoldFile = "DejaVuSans-Bold.ttf";
    public const string Family = "DejaVu Sans";

    private static readonly ConcurrentDictionary<string, ReportFonts> Loaded = new(StringComparer.Ordinal);

    private ReportFonts(SKTypeface regular, SKTypeface bold)
    {
        Regular = regular;
        Bold = bold;
    }

    public SKTypeface Regular { get; }

    public SKTypeface Bold { get; }

    /// <summary>The fonts of <paramref name="directory"/>, loaded once per process.</summary>
    public static ReportFonts From(string? directory) => Loaded.GetOrAdd(string.IsNullOrWhiteSpace(directory) ? DefaultDirectory : directory, Load);

    public SKFont Font(TextStyle style) => new(style.Bold ? Bold : Regular, style.Size)
    {
        Subpixel = true,
        Edging = SKFontEdging.Antialias,
    };

    private static ReportFonts Load(string directory) => new(Face(directory, RegularFile), Face(directory, BoldFile));

    private static SKTypeface Face(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The report font {path} is missing. Install Debian's fonts-dejavu-core (./run.sh and ./test.sh do) or set reports.font_directory.", path);
        }

        return SKTypeface.FromFile(path) ?? throw new InvalidOperationException($"{path} is not a font SkiaSharp can read.");
    }
}
