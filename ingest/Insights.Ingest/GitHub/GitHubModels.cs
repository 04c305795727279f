namespace Insights.Ingest.GitHub;

// TRICKY: Octokit's own Deployment model breaks on a nested JSON payload (octokit.net#2414) and has no
// production_environment; these read only the fields we use (Octokit maps snake_case by itself).

/// <summary>A deployment as <c>GET /repos/{o}/{r}/deployments</c> lists it.</summary>
public sealed class GitHubDeployment
{
    public long Id { get; set; }

    public string Sha { get; set; } = "";

    public string Ref { get; set; } = "";

    public string Task { get; set; } = "";

    public string Environment { get; set; } = "";

    public bool? ProductionEnvironment { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public GitHubActor? Creator { get; set; }
}

/// <summary>One status of a deployment.</summary>
public sealed class GitHubDeploymentStatus
{
    public long Id { get; set; }

    public string State { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class GitHubActor
{
    public string Login { get; set; } = "";
}
