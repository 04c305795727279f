using System.Reflection;
using System.Security.Cryptography;

namespace Insights.Server.Web;

/// <summary>The web app's stylesheet, embedded in the assembly and served with a content hash in its URL (cached for a year).</summary>
public static class WebAssets
{
    private static readonly Lazy<byte[]> Css = new(() => Read("app.css"));

    public static byte[] Stylesheet => Css.Value;

    /// <summary>The stylesheet's URL; its version changes with its content.</summary>
    public static string StylesheetUrl { get; } = "/web/app.css?v=" + Convert.ToHexStringLower(SHA256.HashData(Css.Value))[..12];

    private static byte[] Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("web-assets/" + name)
            ?? throw new InvalidOperationException($"The web asset {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
