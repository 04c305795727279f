using Insights.TestSupport;

namespace Insights.Server.Tests.Cluster;

/// <summary>
/// A random organisation as pushes: a first wave (catalog, engineers, deployments — some still in
/// progress —, incidents — some still open —, pull requests, provisioning requests), then a wave of
/// corrections and re-sends (deployments finishing, incidents resolved, pull requests moved to another
/// service or author, requests fulfilled, and copies of first-wave items sent again unchanged).
/// </summary>
public sealed class RandomOrganisation
{
    public static readonly DateTime Start = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);

    private RandomOrganisation(string prefix)
    {
        Teams = [$"{prefix}-ta", $"{prefix}-tb", $"{prefix}-tc"];
        Services = Enumerable.Range(0, 6).Select(i => $"{prefix}-s{i}").ToList();
    }

    public List<string> Teams { get; }

    public List<string> Services { get; }

    /// <summary>(route, items) in the order they are pushed.</summary>
    public List<(string Route, List<object> Items)> FirstWave { get; } = [];

    public List<(string Route, List<object> Items)> Corrections { get; } = [];

    public static RandomOrganisation Create(string prefix, int seed)
    {
        var random = new Random(seed);
        var org = new RandomOrganisation(prefix);
        DateTime Any() => Start.AddMinutes(random.Next(0, 60 * 24 * 56));
        T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        // Two services share a repository (a monorepo); the last has none in the catalog.
        var repositories = new[] { $"{prefix}/mono", $"{prefix}/mono", $"{prefix}/s2", $"{prefix}/s3", $"{prefix}/s4", "" };
        var catalog = org.Services.Select((s, i) => (object)new { name = s, team = org.Teams[i % 3], repository = repositories[i] }).ToList();
        var shas = Enumerable.Range(0, 120).Select(i => $"{prefix}-c{i}").ToList();

        var deployments = new List<object>();
        var finishing = new List<object>();
        var ids = new List<string>();
        for (var i = 0; i < random.Next(150, 220); i++)
        {
            var finished = Any();
            var id = $"{prefix}-d{i}";
            var service = Pick(org.Services);
            var environment = random.Next(5) == 0 ? "staging" : "production";
            var started = finished.AddMinutes(-random.Next(1, 90));
            var commits = random.Next(2) == 0 ? Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pick(shas)).ToArray() : [];
            var pipeline = random.Next(2) == 0 ? "gp/x" : "other";
            var golden = random.Next(3) == 0;
            var rollback = random.Next(8) == 0 && ids.Count > 1 ? ids[random.Next(ids.Count - 1)] : null;
            object Copy(string status, DateTime? end) => new
            {
                id, service, environment, status, commits, pipeline, golden_path = golden, rollback_of = rollback,
                started_at = IsoTime.Of(started),
                finished_at = end is null ? null : IsoTime.Of(end.Value),
            };

            ids.Add(id);
            if (random.Next(4) == 0)
            {
                // Reported when it started, finished in the corrections (same start time: same sort key).
                deployments.Add(Copy("in_progress", null));
                finishing.Add(Copy(Pick(["success", "success", "failure"]), finished));
            }
            else
            {
                deployments.Add(Copy(Pick(["success", "success", "success", "failure"]), finished));
            }
        }

        var incidents = new List<object>();
        var resolving = new List<object>();
        for (var i = 0; i < random.Next(15, 35); i++)
        {
            var started = Any();
            var id = $"{prefix}-i{i}";
            var service = Pick(org.Services);
            var cause = random.Next(3) == 0 ? Pick(ids) : null;
            var related = random.Next(4) != 0;
            var resolved = started.AddMinutes(random.Next(5, 60 * 30));
            object Copy(DateTime? end) => new
            {
                id, service, title = "t", started_at = IsoTime.Of(started), deployment_id = cause, change_related = related,
                resolved_at = end is null ? null : IsoTime.Of(end.Value),
            };

            incidents.Add(Copy(random.Next(2) == 0 ? resolved : null));
            if (random.Next(2) == 0)
            {
                resolving.Add(Copy(resolved));
            }
        }

        var engineers = Enumerable.Range(0, 20).Select(i => (object)new
        {
            id = $"{prefix}-e{i}@x.example",
            start_date = DateOnly.FromDateTime(Start).AddDays(random.Next(-30, 50)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            team = Pick(org.Teams),
            github_login = $"{prefix}-gh{i}",
        }).ToList();

        var prs = new List<object>();
        var moved = new List<object>();
        for (var i = 0; i < random.Next(80, 140); i++)
        {
            var created = Any().AddDays(-3);
            var repository = random.Next(4) == 0 ? $"{prefix}/other" : Pick(repositories.Where(r => r.Length > 0).ToList());
            var number = i + 1;
            var merged = IsoTime.Of(created.AddMinutes(random.Next(10, 60 * 48)));
            var sha = Pick(shas);
            object Copy(string? service, string author) => new
            {
                repository, number, author, created_at = IsoTime.Of(created), merged_at = merged, merge_commit_sha = sha, service,
            };

            var author = $"{prefix}-gh{random.Next(24)}";
            prs.Add(Copy(random.Next(3) == 0 ? null : Pick(org.Services), author));
            if (random.Next(3) == 0)
            {
                moved.Add(Copy(random.Next(3) == 0 ? null : Pick(org.Services), random.Next(2) == 0 ? $"{prefix}-gh{random.Next(24)}" : author));
            }
        }

        var requests = new List<object>();
        var fulfilled = new List<object>();
        for (var i = 0; i < random.Next(20, 40); i++)
        {
            var requested = Any();
            var id = $"{prefix}-p{i}";
            var team = Pick(org.Teams);
            var channel = Pick(["self_service", "ticket"]);
            object Copy(DateTime? ready) => new
            {
                id, resource_type = "database", requested_at = IsoTime.Of(requested), channel, team,
                ready_at = ready is null ? null : IsoTime.Of(ready.Value), status = ready is null ? "pending" : "ready",
            };

            var readyAt = requested.AddMinutes(random.Next(5, 60 * 72));
            requests.Add(Copy(random.Next(2) == 0 ? readyAt : null));
            fulfilled.Add(Copy(readyAt));
        }

        org.FirstWave.AddRange([
            ("services", catalog), ("engineers", engineers), ("deployments", deployments), ("incidents", incidents),
            ("pull-requests", prs), ("provisioning-requests", requests)]);
        // Re-sends: a random fifth of the first wave's deployments and pull requests again, unchanged.
        org.Corrections.AddRange([
            ("deployments", finishing), ("incidents", resolving), ("pull-requests", moved), ("provisioning-requests", fulfilled),
            ("deployments", deployments.Where(_ => random.Next(5) == 0).ToList()), ("pull-requests", prs.Where(_ => random.Next(5) == 0).ToList())]);
        return org;
    }
}
