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

    /// <summary><c>User</c>, <c>Bot</c> or <c>Organization</c>.</summary>
    public string Type { get; set; } = "";
}

/// <summary>
/// One entry of <c>GET /repos/{o}/{r}/issues/{n}/timeline</c>, with only what a change's review history
/// needs: <c>ready_for_review</c> (created_at) and <c>reviewed</c> (submitted_at, state, user). Entries of
/// other kinds are read and ignored.
/// </summary>
public sealed class GitHubTimelineEvent
{
    public string Event { get; set; } = "";

    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>A review's state: approved, changes_requested, commented, dismissed (pending reviews are not on the timeline).</summary>
    public string? State { get; set; }

    /// <summary>The reviewer (reviewed).</summary>
    public GitHubActor? User { get; set; }

    /// <summary>Who did it (ready_for_review and other issue events).</summary>
    public GitHubActor? Actor { get; set; }
}
