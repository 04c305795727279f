using Insights.TestSupport;

namespace Insights.Server.Tests.Metrics;

/// <summary>
/// A small organisation whose every metric was worked out by hand (docs/metrics.md walks through
/// the same numbers). Range: 2026-03-02 (Mon) to 2026-03-30, four ISO weeks.
///
/// Catalog: service alpha (team red, repo acme/alpha, from a golden-path template; its deployments
/// list the commits they ship → lead time by commits) and service beta (team blue, repo acme/beta,
/// its own production environments prod-eu and prod-us; no commit lists → lead time by time).
/// Configuration: golden-path pipelines "gp/*", attribution window 24 h, cold start 30 days.
/// </summary>
public static class GoldenDataset
{
    public const string From = "2026-03-02";
    public const string To = "2026-03-30";

    /// <summary>The clock of the test server ("now"), two weeks after the range.</summary>
    public static readonly DateTimeOffset Now = new(2026, 4, 15, 12, 0, 0, TimeSpan.Zero);

    public static string At(int month, int day, int hour, int minute = 0) =>
        IsoTime.Of(new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Utc));

    public static string M(int day, int hour, int minute = 0) => At(3, day, hour, minute);

    public static object[] Services =>
    [
        new { name = "alpha", team = "red", repository = "acme/alpha", golden_path_template = "template:default/service" },
        new { name = "beta", team = "blue", repository = "acme/beta", production_environments = new[] { "prod-eu", "PROD-US" } },
    ];

    private static object Deploy(string id, string service, string environment, string status, string finishedAt, string pipeline, string[]? commits = null, string? sha = null, bool? golden = null, string? rollbackOf = null, bool? hotfix = null) => new
    {
        source = "ci",
        id,
        service,
        environment,
        status,
        started_at = IsoTime.Of(DateTime.Parse(finishedAt, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime().AddMinutes(-5)),
        finished_at = finishedAt,
        pipeline,
        commits,
        commit_sha = sha ?? commits?.LastOrDefault(),
        golden_path = golden,
        rollback_of = rollbackOf,
        hotfix,
    };

    /// <summary>Alpha: 11 production deployments in range (A1–A11); staging, failed attempts and A12 (after the range) do not count.</summary>
    public static object[] AlphaDeployments =>
    [
        Deploy("A1s", "alpha", "staging", "success", M(2, 9), "gp/deploy", ["a1", "a2"]),
        Deploy("A1", "alpha", "production", "success", M(2, 10), "gp/deploy", ["a1", "a2"]),          // the service's first: cold start
        Deploy("A2f", "alpha", "production", "failure", M(3, 10), "custom", ["a3"]),                  // a failed attempt: not a deployment
        Deploy("A2", "alpha", "production", "success", M(3, 11), "custom", ["a3", "a4"], golden: true),
        Deploy("A3", "alpha", "Production", "success", M(4, 12), "jenkins", ["a5"]),                  // incidents I1 and I6 name it
        Deploy("A4", "alpha", "production", "success", M(10, 10), "gp/deploy", ["a6", "a7"]),          // I2 starts 10 h later: attributed
        Deploy("A5", "alpha", "production", "failure", M(11, 9), "jenkins", ["a8"]),                  // corrected below to success
        Deploy("A6", "alpha", "production", "success", M(17, 10), "custom", ["a9"], golden: true),     // rolled back by A7
        Deploy("A7", "alpha", "production", "success", M(17, 11, 30), "gp/rollback", sha: "a8", rollbackOf: "A6"),
        Deploy("A8", "alpha", "production", "success", M(18, 10), "jenkins", ["a10"], hotfix: true),
        Deploy("A9", "alpha", "production", "success", M(24, 10), "gp/deploy", ["a11"]),
        Deploy("A10", "alpha", "production", "success", M(25, 10), "gp/deploy", ["a12"]),              // I5 names it, still open
        Deploy("A11", "alpha", "production", "success", M(26, 10), "gp/deploy", ["a13"]),
        Deploy("A12", "alpha", "production", "success", M(31, 10), "gp/deploy", ["a14"]),              // after the range
    ];

    /// <summary>Re-sent and corrected copies: each must replace, never add.</summary>
    public static object[] AlphaCorrections =>
    [
        Deploy("A4", "alpha", "production", "success", M(10, 10), "gp/deploy", ["a6", "a7"]),          // the same event twice
        Deploy("A5", "alpha", "production", "success", M(11, 9), "jenkins", ["a8"]),                  // failure corrected to success
    ];

    /// <summary>A11 first arrives in progress (no finish), then finished.</summary>
    public static object AlphaInProgress => new { source = "ci", id = "A11", service = "alpha", environment = "production", status = "in_progress", started_at = M(26, 9, 55), pipeline = "gp/deploy" };

    /// <summary>Beta: 8 production deployments in range (two regions per release).</summary>
    public static object[] BetaDeployments =>
    [
        Deploy("B1s", "beta", "staging", "success", M(5, 9), "legacy"),
        Deploy("B1eu", "beta", "prod-eu", "success", M(5, 10), "legacy"),                // the service's first: cold start
        Deploy("B1us", "beta", "prod-us", "success", M(5, 10, 30), "legacy"),
        Deploy("Bprod", "beta", "production", "success", M(6, 10), "legacy"),            // "production" is not one of beta's own
        Deploy("B2eu", "beta", "prod-eu", "success", M(12, 10), "legacy"),
        Deploy("B2us", "beta", "prod-us", "success", M(12, 10, 30), "legacy"),           // I7 starts 30 min later: the latest, so attributed
        Deploy("B3x", "beta", "prod-eu", "cancelled", M(19, 10), "gp/deploy"),
        Deploy("B3eu", "beta", "prod-eu", "success", M(19, 11), "gp/deploy"),
        Deploy("B3us", "beta", "prod-us", "success", M(19, 11, 30), "gp/deploy"),
        Deploy("B4eu", "beta", "prod-eu", "success", M(26, 10), "gp/deploy"),
        Deploy("B4us", "beta", "prod-us", "success", M(26, 10, 30), "gp/deploy"),
    ];

    public static object[] Incidents =>
    [
        new { source = "pd", id = "I1", service = "alpha", title = "errors", started_at = M(4, 13), resolved_at = M(4, 15), deployment_id = "A3" },
        new { source = "pd", id = "I6", service = "alpha", title = "latency", started_at = M(4, 14), resolved_at = M(4, 18), deployment_id = "A3" },
        new { source = "pd", id = "I2", service = "alpha", title = "errors", started_at = M(10, 20), resolved_at = (string?)null, deployment_id = (string?)null },
        new { source = "pd", id = "I3", service = "alpha", title = "slow", started_at = M(12, 12), resolved_at = M(12, 14), deployment_id = (string?)null },
        new { source = "pd", id = "I4", service = "alpha", title = "cloud outage", started_at = M(24, 12), resolved_at = M(24, 13), deployment_id = (string?)null, change_related = false },
        new { source = "pd", id = "I5", service = "alpha", title = "data loss", started_at = M(25, 11), resolved_at = (string?)null, deployment_id = "A10" },
        new { source = "pd", id = "I7", service = "beta", title = "errors", started_at = M(12, 11), resolved_at = M(12, 13), deployment_id = (string?)null },
        new { source = "pd", id = "I8", service = "beta", title = "dns outage", started_at = M(20, 9), resolved_at = M(20, 10), deployment_id = (string?)null, change_related = false },
    ];

    /// <summary>I2 is later updated with its resolution.</summary>
    public static object IncidentUpdate => new { source = "pd", id = "I2", service = "alpha", title = "errors", started_at = M(10, 20), resolved_at = At(3, 11, 2) };

    private static object Pr(string repository, int number, string author, string? firstCommit, string created, string? merged, string? sha, string? service = null) => new
    {
        source = "gh",
        repository,
        number,
        author,
        first_commit_at = firstCommit,
        created_at = created,
        merged_at = merged,
        merge_commit_sha = sha,
        service,
    };

    public static object[] PullRequests =>
    [
        Pr("acme/alpha", 1, "zed", At(1, 3, 10), At(1, 4, 10), At(1, 5, 10), "a1"),         // shipped by A1 but merged 56 days before it: cold start
        Pr("acme/alpha", 2, "zed", At(2, 24, 10), At(2, 24, 12), At(2, 25, 10), "a2"),       // A1 → 144 h
        Pr("acme/alpha", 3, "ANA-gh", M(2, 12), M(2, 13), M(2, 15), "a3"),                   // A2 (A2f failed) → 23 h
        Pr("acme/alpha", 4, "zed", null, M(3, 8), M(3, 9), "a4"),                            // no commit time: from creation → 3 h
        Pr("acme/alpha", 5, "bo", M(3, 12), M(3, 14), M(4, 9), "a5"),                        // A3 → 24 h
        Pr("acme/alpha", 6, "zed", M(6, 10), M(6, 12), M(9, 10), "a6"),                      // A4 → 96 h
        Pr("acme/alpha", 7, "cy", M(9, 10), M(9, 11), null, null),                           // merged below
        Pr("acme/alpha", 8, "bo", M(10, 20), M(10, 21), M(11, 8), "a8"),                     // A5 → 13 h (A7 re-ships a8 later)
        Pr("acme/alpha", 9, "zed", M(16, 10), M(16, 11), M(16, 12), "a9"),                   // A6 → 24 h
        Pr("acme/alpha", 10, "zed", M(17, 12), M(17, 13), M(17, 14), "a10"),                 // A8 → 22 h
        Pr("acme/alpha", 11, "zed", M(23, 10), M(23, 11), M(23, 12), "a11"),                 // A9 → 24 h
        Pr("acme/alpha", 12, "zed", M(24, 14), M(24, 15), M(24, 16), "a12"),                 // A10 → 20 h
        Pr("acme/alpha", 13, "zed", M(25, 12), M(25, 13), M(25, 14), "a13"),                 // A11 → 22 h
        Pr("acme/alpha", 14, "zed", M(30, 10), M(30, 11), M(30, 12), "a14"),                 // A12, after the range
        Pr("acme/alpha", 15, "gu", M(19, 10), M(19, 11), M(20, 10), "a15"),                  // never shipped
        Pr("acme/alpha", 16, "zed", M(19, 10), M(19, 11), null, null),                       // closed without merge
        Pr("acme/beta", 1, "zed", At(1, 18, 10), At(1, 19, 10), At(1, 20, 10), "b0"),        // B1eu is beta's first: cold start
        Pr("acme/beta", 2, "zed", M(3, 10), M(3, 12), M(4, 10), "b1"),                       // B1eu → 48 h
        Pr("acme/beta", 3, "di", M(10, 10), M(10, 11), M(11, 10), "b2"),                     // B2eu → 48 h
        Pr("acme/beta", 4, "zed", M(12, 9), M(12, 9, 30), M(12, 10, 15), "b3"),              // B2us (10:30) → 1.5 h
        Pr("acme/beta", 5, "ed@x.example", M(17, 10), M(17, 11), M(18, 10), "b4"),           // B3eu (B3x cancelled) → 49 h
        Pr("acme/beta", 6, "zed", M(24, 10), M(24, 11), M(25, 10), "b5"),                    // B4eu → 48 h
        Pr("acme/beta", 7, "fa", M(26, 10, 40), M(26, 10, 50), M(26, 11), "b6"),             // nothing after it: not shipped
        Pr("acme/other", 1, "zed", M(5, 12), M(5, 13), M(5, 14), "b7", service: "beta"),     // its own service; Bprod is not production → B2eu → 166 h
    ];

    /// <summary>PR 7 merges later; it is also sent twice.</summary>
    public static object PullRequestUpdate => Pr("acme/alpha", 7, "cy", M(9, 10), M(9, 11), M(9, 12), "a7");           // A4 → 24 h

    public static object[] Engineers =>
    [
        new { id = "ana@x.example", start_date = "2026-03-02", team = "red", github_login = "Ana-GH" },
        new { id = "bo@x.example", start_date = "2026-03-02", team = "red", github_login = "bo" },
        new { id = "cy@x.example", start_date = "2026-03-09", team = "red", github_login = "cy" },
        new { id = "di@x.example", start_date = "2026-03-09", team = "blue", github_login = "di" },
        new { id = "ed@x.example", start_date = "2026-03-16", team = "blue", github_login = (string?)null },
        new { id = "fa@x.example", start_date = "2026-03-23", team = "blue", github_login = "fa" },
        new { id = "gu@x.example", start_date = "2026-03-16", team = "red", github_login = "gu" },
        new { id = "zed@x.example", start_date = "2025-01-06", team = "red", github_login = "zed" },
    ];

    public static object[] ProvisioningRequests =>
    [
        new { id = "r1", resource_type = "db", channel = "self_service", team = "red", requested_at = M(3, 10), ready_at = M(3, 10, 30) },
        new { id = "r2", resource_type = "db", channel = "ticket", team = "red", requested_at = M(3, 10), ready_at = M(5, 10) },
        new { id = "r3", resource_type = "bucket", channel = "ticket", team = "blue", requested_at = At(2, 27, 10), ready_at = M(2, 10) },
        new { id = "r4", resource_type = "queue", channel = "self_service", team = "blue", requested_at = M(10, 9), ready_at = M(10, 9, 12) },
        new { id = "r5", resource_type = "db", channel = "ticket", team = (string?)null, service = "alpha", requested_at = M(16, 10), ready_at = M(17, 10) },
        new { id = "r6", resource_type = "cluster", channel = "ticket", team = "blue", requested_at = M(20, 10), ready_at = (string?)null, status = "open" },
        new { id = "r7", resource_type = "db", channel = "ticket", team = "red", requested_at = M(25, 10), ready_at = (string?)null, status = "cancelled" },
        new { id = "r8", resource_type = "cache", channel = "self_service", team = "red", requested_at = M(29, 23), ready_at = M(30, 1) },
    ];
}
