using System.Diagnostics;
using SkiaSharp;

namespace Insights.Reports.Tests.Support;

/// <summary>Renders a PDF's pages to PNG with pdftoppm (Debian's poppler-utils, installed by ./test.sh) and measures their ink.</summary>
public static class PdfPages
{
    /// <summary>Writes <c>{prefix}-N.png</c> files (one per page) into <paramref name="directory"/> and returns them in page order.</summary>
    public static async Task<IReadOnlyList<string>> RenderAsync(byte[] pdf, string directory, string prefix, int dpi = 60)
    {
        foreach (var old in System.IO.Directory.GetFiles(directory, prefix + "-*.png"))
        {
            File.Delete(old);
        }

        var source = Path.Combine(directory, prefix + ".pdf");
        await File.WriteAllBytesAsync(source, pdf);
        using var process = Process.Start(new ProcessStartInfo("pdftoppm", ["-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-png", source, Path.Combine(directory, prefix)])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("pdftoppm did not start (install poppler-utils; ./test.sh does).");
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pdftoppm failed: {errors}");
        return System.IO.Directory.GetFiles(directory, prefix + "-*.png")
            .OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f)[(prefix.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
    }

    /// <summary>The share of pixels that are clearly not paper (darker than light grey).</summary>
    public static double InkShare(string png)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidOperationException($"{png} is not an image.");
        long inked = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                if ((pixel.Red + pixel.Green + pixel.Blue) / 3 < 200)
                {
                    inked++;
                }
            }
        }

        return (double)inked / (bitmap.Width * bitmap.Height);
    }
}
