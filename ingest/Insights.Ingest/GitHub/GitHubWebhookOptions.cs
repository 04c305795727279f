namespace Insights.Ingest.GitHub;

/// <summary>How GitHub webhook deliveries are read (configuration section <c>Webhooks:GitHub</c>).</summary>
public sealed class GitHubWebhookOptions
{
    public const string Section = "Webhooks:GitHub";

    /// <summary>The environment a completed golden-path workflow run deployed to.</summary>
    public string WorkflowEnvironment { get; set; } = "production";
}
