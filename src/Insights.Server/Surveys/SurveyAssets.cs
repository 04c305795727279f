using System.Reflection;

namespace Insights.Server.Surveys;

/// <summary>The survey page's stylesheet and script and the embeddable widget, shipped inside the server (no CDN: works offline).</summary>
public static class SurveyAssets
{
    public const string StylePath = "/s/assets/survey.css";
    public const string ScriptPath = "/s/assets/survey.js";
    public const string WidgetPath = "/s/widget.js";

    private static readonly Lazy<IReadOnlyDictionary<string, byte[]>> Files = new(() =>
    {
        var assembly = Assembly.GetExecutingAssembly();
        return new[] { "survey.css", "survey.js", "widget.js" }.ToDictionary(
            name => name,
            name =>
            {
                using var stream = assembly.GetManifestResourceStream("survey-assets/" + name)
                    ?? throw new FileNotFoundException($"The survey asset {name} is not embedded.");
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            },
            StringComparer.Ordinal);
    });

    public static byte[] Read(string name) => Files.Value[name];
}
