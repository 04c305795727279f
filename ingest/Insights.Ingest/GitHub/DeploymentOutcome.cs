using Insights.Ingest.Connectors;

namespace Insights.Ingest.GitHub;

/// <summary>What one deployment status (or a deployment's whole list of them) means for the deployment.</summary>
/// <param name="Status">success, failure or in_progress.</param>
/// <param name="FinishedAt">The status's time, for a final state.</param>
/// <param name="Order">Where the status ranks against the others (<see cref="GitHubMapper.Outcome(string, DateTimeOffset, long)"/>).</param>
public sealed record DeploymentOutcome(string Status, DateTime? FinishedAt, WebhookOrder Order);
