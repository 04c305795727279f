namespace Insights.Reports.Tests.Support;

/// <summary>Where tests keep what a person may want to look at (tests/artifacts/, git-ignored).</summary>
public static class Artifacts
{
    public static string Directory(string name)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Insights.sln")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(root?.FullName ?? Path.GetTempPath(), "tests", "artifacts", name);
        System.IO.Directory.CreateDirectory(path);
        return path;
    }
}
