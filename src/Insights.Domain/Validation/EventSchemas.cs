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

    private static readonly FieldSpec Source = new("source", FieldType.Text)
    {
        Default = "api", MaxLength = 64, Example = "github",
        Description = "The system that sent the item; with its id, what identifies it (re-sending the same source and id replaces the item).",
    };

    public static EventSchema Deployments { get; } = new(
        EventKind.Deployments,
        [
            Source,
            new("id", FieldType.Text, Required: true) { MaxLength = 256, Example = "payments-api-4711", Description = "The deployment's id in its source (a number is taken as text)." },
            new("service", FieldType.Text, Required: true) { MaxLength = 256, Example = "payments-api", Description = "The catalog service deployed; its owner is the deployment's team." },
            new("environment", FieldType.Text, Required: true)
            {
                MaxLength = 128, Example = "prod-eu",
                Description = "Where it was deployed. Counts only in production: one of the service's own production_environments, else of metrics.production_environments (production, prod), compared without case.",
            },
            new("status", FieldType.Text, Required: true) { AllowedValues = DeploymentStatuses, Example = "success", Description = "Only success counts as a deployment; failure and cancelled are stored and listed." },
            new("started_at", FieldType.Instant) { Example = "2026-03-02T13:57:00Z", Description = "When the deployment started; with service, where it sits in the warehouse (never changes between copies)." },
            new("finished_at", FieldType.Instant) { Example = "2026-03-02T14:05:00Z", Description = "When it finished; required unless status is in_progress. Places the deployment in time." },
            new("commit_sha", FieldType.Text) { MaxLength = 128, Example = "9fceb02d0ae598e95dc970b74767f19372d61af8", Description = "The commit deployed (its changes' merge commits are found by it when commits is absent)." },
            new("commits", FieldType.TextList)
            {
                MaxLength = 10_000, Example = new[] { "9fceb02d0ae598e95dc970b74767f19372d61af8" },
                Description = "Every commit this deployment shipped for the first time (lead time attributes merged pull requests by these).",
            },
            new("repository", FieldType.Text) { MaxLength = 256, Check = RepositorySlug.Problem, Example = "acme/payments-api", Description = "The repository as owner/name, never a URL." },
            new("pipeline", FieldType.Text) { MaxLength = 512, Example = "golden-path/deploy", Description = "The pipeline that deployed; a match of metrics.golden_path_pipelines makes it golden-path." },
            new("golden_path", FieldType.Boolean) { Default = false, Example = true, Description = "The source says this deployment went through the golden path." },
            new("production", FieldType.Boolean) { Example = true, Description = "The source says this environment is production (e.g. GitHub's production_environment), whatever its name." },
            new("rollback_of", FieldType.Text) { MaxLength = 256, Example = "payments-api-4710", Description = "The id of the deployment this one rolls back (that one then counts as failed)." },
            new("hotfix", FieldType.Boolean) { Default = false, Example = false, Description = "A fix of a failed change (rework rate)." },
            new("triggered_by", FieldType.Text) { MaxLength = 256, Example = "ci-bot", Description = "Who or what started it." },
        ],
        key: e => (string)e["id"]!,
        partitionTime: e => (DateTime?)e["started_at"] ?? (DateTime?)e["finished_at"],
        description: "One attempt to ship a version of a service to an environment. finished_at is required unless status is in_progress, "
            + "and is not before started_at; rollback_of cannot name the deployment itself.",
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
            new("id", FieldType.Text, Required: true) { MaxLength = 256, Example = "INC-1042", Description = "The incident's id in its source." },
            new("service", FieldType.Text, Required: true) { MaxLength = 256, Example = "payments-api", Description = "The catalog service affected; its owner is the incident's team." },
            new("title", FieldType.Text, Required: true) { MaxLength = 1024, Example = "payments-api: elevated error rate" },
            new("started_at", FieldType.Instant, Required: true) { Example = "2026-03-02T15:10:00Z", Description = "When it began." },
            new("resolved_at", FieldType.Instant) { Example = "2026-03-02T16:02:00Z", Description = "When service was restored; absent while open. Not before started_at." },
            new("severity", FieldType.Text) { MaxLength = 64, Example = "SEV2" },
            new("deployment_id", FieldType.Text) { MaxLength = 256, Example = "payments-api-4711", Description = "The deployment that caused it, when known (else the attribution window decides)." },
            new("change_related", FieldType.Boolean) { Default = true, Example = true, Description = "false for incidents no change caused (an upstream outage): they never make a deployment failed." },
            new("acknowledged_at", FieldType.Instant) { Example = "2026-03-02T15:14:00Z", Description = "When someone acknowledged it (PagerDuty); incident restore time's time to acknowledge. Between started_at and resolved_at." },
            new("number", FieldType.Count) { Example = 1042, Description = "The incident's number in its source, as people quote it." },
            new("url", FieldType.Text) { MaxLength = 2048, Check = WebAddress, Example = "https://acme.pagerduty.com/incidents/Q1R2S3", Description = "Its page in the source." },
            new("teams", FieldType.TextList) { MaxLength = 64, Example = new[] { "payments" }, Description = "The source's own teams for it (PagerDuty's); the service's owner stays the incident's team." },
        ],
        key: e => (string)e["id"]!,
        partitionTime: e => (DateTime?)e["started_at"],
        description: "An incident of a service: its start, its acknowledgement, its restoration and, when known, the deployment that caused it.",
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
            new("repository", FieldType.Text, Required: true)
            {
                MaxLength = 256, Check = RepositorySlug.Problem, Example = "acme/payments-api",
                Description = "The repository as owner/name (never a URL); without service, the catalog service with this repository is the pull request's.",
            },
            new("number", FieldType.Count, Required: true) { Example = 1287, Description = "The pull request's number; with repository, what identifies it." },
            new("author", FieldType.Text, Required: true) { MaxLength = 256, Example = "ana-lopez", Description = "The author's login (an engineer's github_login links onboarding)." },
            new("author_type", FieldType.Text) { MaxLength = 64, Example = "User", Description = "GitHub's user type of the author (User, Bot, Organization); Bot leaves the change out of lead time and onboarding while metrics.exclude_bots is on." },
            new("created_at", FieldType.Instant, Required: true) { Example = "2026-03-01T09:12:00Z" },
            new("service", FieldType.Text) { MaxLength = 256, Example = "payments-api", Description = "The catalog service it changes, for a repository shared by several services." },
            new("title", FieldType.Text) { MaxLength = 1024, Example = "Retry card authorisations once" },
            new("merged_at", FieldType.Instant) { Example = "2026-03-02T11:40:00Z", Description = "When it was merged; absent while open. Not before created_at or first_commit_at." },
            new("merge_commit_sha", FieldType.Text) { MaxLength = 128, Example = "9fceb02d0ae598e95dc970b74767f19372d61af8", Description = "The commit the merge made; deployments ship it." },
            new("first_commit_at", FieldType.Instant) { Example = "2026-02-28T16:03:00Z", Description = "When its first commit was made (lead time's coding time starts here)." },
            new("base_ref", FieldType.Text) { MaxLength = 256, Example = "main" },
            new("additions", FieldType.Count) { Example = 42 },
            new("deletions", FieldType.Count) { Example = 7 },
            new("ready_for_review_at", FieldType.Instant) { Example = "2026-03-01T10:00:00Z", Description = "When a draft was marked ready for review (lead time's pickup starts here instead of created_at)." },
            new("first_review_at", FieldType.Instant) { Example = "2026-03-01T14:30:00Z", Description = "Its first review (lead time's pickup ends, review starts)." },
            new("labels", FieldType.TextList) { MaxLength = 100, Example = new[] { "dependencies" }, Description = "Its labels; metrics.exclude_labels leaves matching changes out of lead time." },
        ],
        key: e => $"{e["repository"]}#{e["number"]}",
        partitionTime: e => (DateTime?)e["created_at"],
        description: "A pull request: when work started, was reviewed and merged, and the commit that ships it.",
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
            new("id", FieldType.Text, Required: true) { MaxLength = 256, Example = "ana.lopez@acme.example", Description = "The engineer's id in the HR system (e.g. an e-mail); what identifies them." },
            new("start_date", FieldType.Date, Required: true) { Example = "2026-02-02", Description = "The first working day (onboarding time starts here)." },
            new("team", FieldType.Text) { MaxLength = 256, Example = "payments", Description = "The engineer's team (onboarding is counted per team)." },
            new("github_login", FieldType.Text) { MaxLength = 256, Example = "ana-lopez", Description = "Links the engineer to the pull requests they author." },
            new("jira_account_id", FieldType.Text) { MaxLength = 256, Example = "5b10ac8d82e05b22cc7d4ef5" },
            new("name", FieldType.Text) { MaxLength = 256, Example = "Ana Lopez" },
        ],
        key: e => (string)e["id"]!,
        partitionTime: e => ((DateOnly?)e["start_date"])?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        description: "An engineer and the day they started: onboarding time measures the days to their first and tenth merged pull request.");

    public static EventSchema ProvisioningRequests { get; } = new(
        EventKind.ProvisioningRequests,
        [
            Source,
            new("id", FieldType.Text, Required: true) { MaxLength = 256, Example = "REQ-5521", Description = "The request's id in its source." },
            new("resource_type", FieldType.Text, Required: true) { MaxLength = 256, Example = "postgres-database" },
            new("requested_at", FieldType.Instant, Required: true) { Example = "2026-03-02T09:30:00Z" },
            new("channel", FieldType.Text, Required: true) { AllowedValues = ProvisioningChannels, Example = "self_service", Description = "self_service (the platform) or ticket (a person)." },
            new("team", FieldType.Text) { MaxLength = 256, Example = "payments", Description = "The team that asked; else the owner of service." },
            new("service", FieldType.Text) { MaxLength = 256, Example = "payments-api" },
            new("ready_at", FieldType.Instant) { Example = "2026-03-02T09:45:00Z", Description = "When the resource was ready; absent while pending. Not before requested_at." },
            new("status", FieldType.Text) { MaxLength = 64, Example = "done", Description = "The source's status; cancelled and rejected requests are not pending." },
        ],
        key: e => (string)e["id"]!,
        partitionTime: e => (DateTime?)e["requested_at"],
        description: "A request for infrastructure, by self-service or by ticket, and when it was ready.",
        crossChecks: (v, errors) => NotBefore(v, errors, later: "ready_at", earlier: "requested_at"));

    public static EventSchema Services { get; } = new(
        EventKind.Services,
        [
            Source,
            new("name", FieldType.Text, Required: true) { MaxLength = 256, Example = "payments-api", Description = "The service's name, as deployments and incidents name it; what identifies it." },
            new("team", FieldType.Text, Required: true) { MaxLength = 256, Example = "payments", Description = "The team that owns it: its deployments, incidents and changes count for this team." },
            new("repository", FieldType.Text) { MaxLength = 256, Check = RepositorySlug.Problem, Example = "acme/payments-api", Description = "Its repository as owner/name: pull requests of it belong to the service." },
            new("golden_path_template", FieldType.Text) { MaxLength = 512, Example = "template:default/golden-path-service", Description = "The golden-path template it was created from (adoption's template share)." },
            new("lifecycle", FieldType.Text) { MaxLength = 64, Example = "production" },
            new("pagerduty_service_id", FieldType.Text) { MaxLength = 64, Example = "PX1Y2Z3" },
            new("jira_component", FieldType.Text) { MaxLength = 256, Example = "Payments API" },
            new("production_environments", FieldType.TextList)
            {
                MaxLength = 64, Example = new[] { "prod-eu", "prod-us" },
                Description = "Its own production environments; when given, they replace metrics.production_environments for this service.",
            },
            new("system", FieldType.Text) { MaxLength = 256, Example = "payments", Description = "The Backstage System it belongs to (a filter of /teams and /services)." },
            new("domain", FieldType.Text) { MaxLength = 256, Example = "commerce", Description = "The Backstage Domain of its system." },
        ],
        key: e => (string)e["name"]!,
        partitionTime: _ => null,
        description: "A service of the catalog and the team that owns it; the latest copy of each name wins.");

    public static EventSchema Teams { get; } = new(
        EventKind.Teams,
        [
            Source,
            new("name", FieldType.Text, Required: true) { MaxLength = 256, Example = "payments", Description = "The team's name, as services' team names it; what identifies it." },
            new("display_name", FieldType.Text) { MaxLength = 256, Example = "Payments Engineering", Description = "How people call it (a Backstage group's display name)." },
            new("parent", FieldType.Text) { MaxLength = 256, Example = "commerce", Description = "The team it is part of; never itself." },
        ],
        key: e => (string)e["name"]!,
        partitionTime: _ => null,
        description: "A team of the team catalog (Backstage groups): its display name and its parent; the latest copy of each name wins.",
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
