namespace Insights.TestSupport;

/// <summary>Files of the repository itself (the dashboards, their provisioning), found from the test binaries upwards.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Insights.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Insights.sln above {AppContext.BaseDirectory}.");
    }
}
