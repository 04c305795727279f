using System.Collections.Concurrent;
using SkiaSharp;

namespace Insights.Reports.Layout;

/// <summary>
/// The report's typefaces, read from TrueType files (Debian's fonts-dejavu-core, which ./run.sh and
/// ./test.sh install). TRICKY: SkiaSharp's Linux build embeds whole font files (no subsetting, ~0.37 MB
/// each), so a report draws with <see cref="For"/>: the same faces cut down to the characters it can
/// draw. And Skia draws an emboldened regular face as paths (heavy, and not text), so the report uses
/// exactly two real faces: regular and bold.
/// </summary>
public sealed class ReportFonts
{
    public const string DefaultDirectory = "/usr/share/fonts/truetype/dejavu";
    public const string RegularFile = "DejaVuSans.ttf";
    public const string BoldFile = "DejaVuSans-Bold.ttf";
    public const string Family = "DejaVu Sans";

    private static readonly ConcurrentDictionary<string, ReportFonts> Loaded = new(StringComparer.Ordinal);

    /// <summary>
    /// What any report may draw besides its data: printable ASCII, Latin-1, dashes, quotes, bullets and
    /// the ellipsis, arrows, − ≈ ≠ ≤ ≥, and the ▲ ▼ triangles.
    /// </summary>
    private static readonly (int First, int Last)[] Repertoire =
    [
        (0x20, 0x7E), (0xA0, 0xFF), (0x2010, 0x2027), (0x2030, 0x203A), (0x2190, 0x2195),
        (0x2212, 0x2212), (0x2248, 0x2248), (0x2260, 0x2260), (0x2264, 0x2265), (0x25B2, 0x25BF),
    ];

    private static readonly HashSet<int> RepertoireSet = [.. Repertoire.SelectMany(r => Enumerable.Range(r.First, r.Last - r.First + 1))];

    private readonly byte[]? _regularFile;
    private readonly byte[]? _boldFile;
    private readonly Lazy<ReportFonts>? _standard;

    private ReportFonts(SKTypeface regular, SKTypeface bold, byte[]? regularFile = null, byte[]? boldFile = null)
    {
        Regular = regular;
        Bold = bold;
        _regularFile = regularFile;
        _boldFile = boldFile;
        _standard = regularFile is null ? null : new Lazy<ReportFonts>(() => Cut([]));
    }

    public SKTypeface Regular { get; }

    public SKTypeface Bold { get; }

    /// <summary>The fonts of <paramref name="directory"/>, loaded once per process.</summary>
    public static ReportFonts From(string? directory) => Loaded.GetOrAdd(string.IsNullOrWhiteSpace(directory) ? DefaultDirectory : directory, Load);

    /// <summary>
    /// These faces cut down to <see cref="Repertoire"/>, made once: what charts draw with (their labels are
    /// fixed words and numbers), and what a report whose data needs nothing more draws with, so that its
    /// PDF embeds each face once.
    /// </summary>
    public ReportFonts Standard => _standard?.Value ?? throw new InvalidOperationException("Only fonts read from files can be subset.");

    /// <summary>
    /// The faces for a report whose data reads <paramref name="text"/> (team names, comments…):
    /// <see cref="Standard"/>, or when the text needs more characters, a subset of its own.
    /// </summary>
    public ReportFonts For(string text)
    {
        var extra = text.EnumerateRunes().Select(r => r.Value).Where(c => !RepertoireSet.Contains(c)).ToHashSet();
        return extra.Count == 0 ? Standard : Cut(extra);
    }

    private ReportFonts Cut(IEnumerable<int> extra)
    {
        var codepoints = new SortedSet<int>(RepertoireSet.Concat(extra));
        return new ReportFonts(FromData(FontSubsetter.Subset(_regularFile!, codepoints)), FromData(FontSubsetter.Subset(_boldFile!, codepoints)));
    }

    /// <summary>
    /// A face at a size, measured and placed with the font's own (unhinted, fractional) advances.
    /// TRICKY: with Skia's default hinting, advances are rounded to whole points at the text size, so
    /// each glyph lands up to half a point away from where the PDF's font widths put it; Skia then writes
    /// every glyph with its own offset, and text extractors (pdftotext, screen readers) read the gaps as
    /// spaces: "w eek", "C hange". Linear metrics keep the PDF's widths and the drawn positions equal.
    /// </summary>
    public SKFont Font(TextStyle style) => new(style.Bold ? Bold : Regular, style.Size)
    {
        Subpixel = true,
        LinearMetrics = true,
        Hinting = SKFontHinting.None,
        Edging = SKFontEdging.Antialias,
    };

    private static ReportFonts Load(string directory)
    {
        var regular = Read(directory, RegularFile);
        var bold = Read(directory, BoldFile);
        return new(FromData(regular, Path.Combine(directory, RegularFile)), FromData(bold, Path.Combine(directory, BoldFile)), regular, bold);
    }

    private static byte[] Read(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The report font {path} is missing. Install Debian's fonts-dejavu-core (./run.sh and ./test.sh do) or set reports.font_directory.", path);
        }

        return File.ReadAllBytes(path);
    }

    private static SKTypeface FromData(byte[] font, string what = "a font subset")
    {
        using var data = SKData.CreateCopy(font);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"{what} is not a font SkiaSharp can read.");
    }
}
