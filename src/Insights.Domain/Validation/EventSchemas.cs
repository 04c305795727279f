using Insights.Domain.Events;

namespace Insights.Domain.Validation;

/// <summary>
/// The push-ingest contract of docs/api.md, as data: one schema per kind. Field names are the
/// API's and the warehouse columns' names alike.
/// </summary>
public static class EventSchemas
{
    public static readonly IReadOnlyList<string> DeploymentStatuses = ["success", "failure", "cancelled", "in_progress"];

    public static readonly IReadOnlyList<string> ProvisioningChannels = ["self_service", "ticket"];

    private static readonly FieldSpec Source = new("source", FieldType.Text) { Default = "api", MaxLength = 64 };

    public static EventSchema Deployments { get; } = new(
        EventKind.Deployments,
        [
            Source,
            new("id", FieldType.Text, Required: true) { MaxLength = 256 },
            new("service", FieldType.Text, Required: true) { MaxLength = 256 },
            new("environment", FieldType.Text, Required: true) { MaxLength = 128 },
            new("status", FieldType.Text, Required: true) { AllowedValues = DeploymentStatuses },
            new("started_at", FieldType.Instant),
            new("finished_at", FieldType.Instant),
            new("commit_sha", FieldType.Text) { MaxLength = 128 },
            new("commits", FieldType.TextList) { MaxLength = 10_000 },
            new("repository", FieldType.Text) { MaxLength = 256, Check = RepositorySlug.Problem },
            new("pipeline", FieldType.Text) { MaxLength = 512 },
            new("golden_path", FieldType.Boolean) { Default = false },
            new("production", FieldType.Boolean),
            new("rollback_of", FieldType.Text) { MaxLength = 256 },
            new("hotfix", FieldType.Boolean) { Default = false },
            new("triggered_by", FieldType.Text) { MaxLength = 256 },
        ],
        key: e => (string)e["id"]!,
        partitionTime: e => (DateTime?)e["started_at"] ?? (DateTime?)e["finished_at"],
        crossChecks: (v, errors) =>
        {
            var status = v("status") as string;
            if (status is not null && status != "in_progress" && v("finished_at") is null && !errors.Has("finished_at"))
            {
                errors.Add("finished_at", $"is required when status is '{status}'.");
            }

            NotBefore(v, errors, later: "finished_at", earlier: "started_at");
            if (v("rollback_of") is string target && target == v("id") as string)
            {
                errors.Add("rollback_of", "cannot name the deployment itself.");
            }
        });

    public static EventSchema Incidents { get; } = new(
        EventKind.Incidents,
        [
            Source,
            new("id", FieldType.Text, Required: true) { MaxLength = 256 },
            new("service", FieldType.Text, Required: true) { MaxLength = 256 },
            new("title", FieldType.Text, Required: true) { MaxLength = 1024 },
            new("started_at", FieldType.Instant, Required: true),
            new("resolved_at", FieldType.Instant),
            new("severity", FieldType.Text) { MaxLength = 64 },
            new("deployment_id", FieldType.Text) { MaxLength = 256 },
            new("change_related", FieldType.Boolean) { Default = true },
            new("acknowledged_at", FieldType.Instant),
            new("number", FieldType.Count),
            new("url", FieldType.Text) { MaxLength = 2048, Check = WebAddress },
            new("teams", FieldType.TextList) { MaxLength = 64 },
        ],
        key: e => (string)e["id"]!,
        partitionTime: e => (DateTime?)e["started_at"],
        crossChecks: (v, errors) =>
        {
            NotBefore(v, errors, later: "resolved_at", earlier: "started_at");
            NotBefore(v, errors, later: "acknowledged_at", earlier: "started_at");
            NotBefore(v, errors, later: "resolved_at", earlier: "acknowledged_at");
        });

    public static EventSchema PullRequests { get; } = new(
        EventKind.PullRequests,
        [
            Source,
            new("repository", FieldType.Text, Required: true) { MaxLength = 256, Check = RepositorySlug.Problem },
            new("number", FieldType.Count, Required: true),
            new("author", FieldType.Text, Required: true) { MaxLength = 256 },
            new("author_type", FieldType.Text) { MaxLength = 64 },
            new("created_at", FieldType.Instant, Required: true),
            new("service", FieldType.Text) { MaxLength = 256 },
            new("title", FieldType.Text) { MaxLength = 1024 },
            new("merged_at", FieldType.Instant),
            new("merge_commit_sha", FieldType.Text) { MaxLength = 128 },
            new("first_commit_at", FieldType.Instant),
            new("base_ref", FieldType.Text) { MaxLength = 256 },
            new("additions", FieldType.Count),
            new("deletions", FieldType.Count),
            new("ready_for_review_at", FieldType.Instant),
            new("first_review_at", FieldType.Instant),
            new("labels", FieldType.TextList) { MaxLength = 100 },
        ],
        key: e => $"{e["repository"]}#{e["number"]}",
        partitionTime: e => (DateTime?)e["created_at"],
        crossChecks: (v, errors) =>
        {
            NotBefore(v, errors, later: "merged_at", earlier: "created_at");
            NotBefore(v, errors, later: "merged_at", earlier: "first_commit_at");
            NotBefore(v, errors, later: "ready_for_review_at", earlier: "created_at");
            NotBefore(v, errors, later: "merged_at", earlier: "ready_for_review_at");
            NotBefore(v, errors, later: "first_review_at", earlier: "created_at");
        });

    public static EventSchema Engineers { get; } = new(
        EventKind.Engineers,
        [
            Source,
            new("id", FieldType.Text, Required: true) { MaxLength = 256 },
            new("start_date", FieldType.Date, Required: true),
            new("team", FieldType.Text) { MaxLength = 256 },
            new("github_login", FieldType.Text) { MaxLength = 256 },
            new("jira_account_id", FieldType.Text) { MaxLength = 256 },
            new("name", FieldType.Text) { MaxLength = 256 },
        ],
        key: e => (string)e["id"]!,
        partitionTime: e => ((DateOnly?)e["start_date"])?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    public static EventSchema ProvisioningRequests { get; } = new(
        EventKind.ProvisioningRequests,
        [
            Source,
            new("id", FieldType.Text, Required: true) { MaxLength = 256 },
            new("resource_type", FieldType.Text, Required: true) { MaxLength = 256 },
            new("requested_at", FieldType.Instant, Required: true),
            new("channel", FieldType.Text, Required: true) { AllowedValues = ProvisioningChannels },
            new("team", FieldType.Text) { MaxLength = 256 },
            new("service", FieldType.Text) { MaxLength = 256 },
            new("ready_at", FieldType.Instant),
            new("status", FieldType.Text) { MaxLength = 64 },
        ],
        key: e => (string)e["id"]!,
        partitionTime: e => (DateTime?)e["requested_at"],
        crossChecks: (v, errors) => NotBefore(v, errors, later: "ready_at", earlier: "requested_at"));

    public static EventSchema Services { get; } = new(
        EventKind.Services,
        [
            Source,
            new("name", FieldType.Text, Required: true) { MaxLength = 256 },
            new("team", FieldType.Text, Required: true) { MaxLength = 256 },
            new("repository", FieldType.Text) { MaxLength = 256, Check = RepositorySlug.Problem },
            new("golden_path_template", FieldType.Text) { MaxLength = 512 },
            new("lifecycle", FieldType.Text) { MaxLength = 64 },
            new("pagerduty_service_id", FieldType.Text) { MaxLength = 64 },
            new("jira_component", FieldType.Text) { MaxLength = 256 },
            new("production_environments", FieldType.TextList) { MaxLength = 64 },
            new("system", FieldType.Text) { MaxLength = 256 },
            new("domain", FieldType.Text) { MaxLength = 256 },
        ],
        key: e => (string)e["name"]!,
        partitionTime: _ => null);

    public static EventSchema Teams { get; } = new(
        EventKind.Teams,
        [
            Source,
            new("name", FieldType.Text, Required: true) { MaxLength = 256 },
            new("display_name", FieldType.Text) { MaxLength = 256 },
            new("parent", FieldType.Text) { MaxLength = 256 },
        ],
        key: e => (string)e["name"]!,
        partitionTime: _ => null,
        crossChecks: (v, errors) =>
        {
            if (v("parent") is string parent && parent == v("name") as string)
            {
                errors.Add("parent", "cannot name the team itself.");
            }
        });

    public static EventSchema For(EventKind kind) => kind switch
    {
        EventKind.Deployments => Deployments,
        EventKind.Incidents => Incidents,
        EventKind.PullRequests => PullRequests,
        EventKind.Engineers => Engineers,
        EventKind.ProvisioningRequests => ProvisioningRequests,
        EventKind.Services => Services,
        EventKind.Teams => Teams,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>An absolute http(s) address, as people open it in a browser.</summary>
    private static string? WebAddress(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? null
            : "must be an absolute http or https address";

    private static void NotBefore(Func<string, object?> v, ValidationErrors errors, string later, string earlier)
    {
        if (v(later) is DateTime end && v(earlier) is DateTime start && end < start)
        {
            errors.Add(later, $"is before {earlier}.");
        }
    }
}
