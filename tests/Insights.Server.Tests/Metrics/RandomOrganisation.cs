using System.Globalization;
using Insights.TestSupport;

namespace Insights.Server.Tests.Metrics;

/// <summary>
/// A random organisation of two teams and four services (seeded, so that a failure replays), pushed
/// through the API with what makes metrics hard: staging, failed, cancelled and unfinished deployments,
/// services that list their commits and services attributed by time, one with its own production
/// environments, rollbacks and hotfixes, incidents named, unnamed and not change-related, pull requests
/// whose clocks disagree, drafts, reviews before the draft was ready and after the merge, changes merged
/// unreviewed, labels that metrics.exclude_labels may name, bots' pull requests, incidents acknowledged
/// or not, engineers joining across the range, and provisioning requests ready, pending and cancelled.
/// </summary>
public sealed record RandomOrganisation(IReadOnlyList<string> Teams, IReadOnlyList<string> Services)
{
    public static readonly DateTime Start = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);

    public static readonly DateOnly From = new(2026, 1, 5);

    public static readonly DateOnly To = new(2026, 3, 2);

    /// <param name="corrections">When set, the same organisation as <paramref name="random"/> makes (the same
    /// identities: ids, services, start times, repositories), sent again with about a third of its deployments'
    /// statuses and finish times, incidents' resolutions and pull requests' merge times and labels corrected.</param>
    public static async Task<RandomOrganisation> PushAsync(InsightsTestServer server, string prefix, Random random, Random? corrections = null)
    {
        DateTime Any() => Start.AddDays(-10).AddMinutes(random.Next(0, 60 * 24 * 66));
        string Iso(DateTime t) => IsoTime.Of(t);
        // The original value is computed first in any case, so that the same seed makes the same organisation.
        T Fix<T>(T original, Func<Random, T> corrected) => corrections is not null && corrections.Next(3) == 0 ? corrected(corrections) : original;

        var teams = new List<string> { $"{prefix}-ta", $"{prefix}-tb" };
        var services = Enumerable.Range(0, 4).Select(i => $"{prefix}-s{i}").ToList();
        var catalog = services.Select((s, i) => new
        {
            name = s,
            team = teams[i % 2],
            repository = $"{prefix}/r{i}",
            production_environments = i == 3 ? new[] { "prod-eu", "prod-us" } : null,
        }).ToList();
        var environments = new[] { "production", "production", "production", "staging", "prod-eu", "prod-us" };
        // s0 and s2 list the commits they ship; s1 and s3 are attributed by time.
        var lists = new[] { true, false, true, false };

        var shas = Enumerable.Range(0, 120).Select(i => $"{prefix}-c{i}").ToList();
        var ids = new List<string>();
        var deployments = new List<object>();
        for (var i = 0; i < random.Next(80, 140); i++)
        {
            var id = $"{prefix}-d{i}";
            var service = random.Next(services.Count);
            var finished = Any();
            var status = new[] { "success", "success", "success", "success", "failure", "cancelled" }[random.Next(6)];
            var unfinished = random.Next(15) == 0;
            ids.Add(id);
            deployments.Add(new
            {
                id,
                service = services[service],
                environment = environments[random.Next(environments.Length)],
                status = Fix(unfinished ? "in_progress" : status, c => unfinished ? "in_progress" : new[] { "success", "failure", "cancelled" }[c.Next(3)]),
                started_at = Iso(finished.AddMinutes(-random.Next(1, 90))),
                finished_at = unfinished ? null : Iso(Fix(finished, c => finished.AddMinutes(c.Next(1, 60 * 24)))),
                commits = lists[service] ? Enumerable.Range(0, random.Next(1, 4)).Select(_ => shas[random.Next(shas.Count)]).ToArray() : [],
                pipeline = random.Next(2) == 0 ? "gp/x" : "other",
                golden_path = random.Next(4) == 0,
                rollback_of = random.Next(8) == 0 && ids.Count > 1 ? ids[random.Next(ids.Count - 1)] : null,
                hotfix = random.Next(9) == 0,
            });
        }

        var incidents = Enumerable.Range(0, random.Next(10, 30)).Select(i =>
        {
            var started = Any();
            DateTime? resolved = random.Next(5) == 0 ? null : started.AddMinutes(random.Next(5, 60 * 40));
            // Only ever later: the acknowledgement below stays at or before the resolution.
            resolved = resolved is { } first ? Fix(first, c => first.AddMinutes(c.Next(1, 600))) : null;
            var acknowledged = started.AddMinutes(random.Next(0, 60 * 8));
            return new
            {
                id = $"{prefix}-i{i}",
                service = services[random.Next(services.Count)],
                title = "t",
                started_at = Iso(started),
                resolved_at = resolved is { } r ? Iso(r) : null,
                // Never acknowledged, or acknowledged at most at its resolution (the push refuses later).
                acknowledged_at = random.Next(3) == 0 ? null : Iso(resolved is { } end && acknowledged > end ? end : acknowledged),
                deployment_id = random.Next(4) == 0 ? (random.Next(5) == 0 ? $"{prefix}-unknown" : ids[random.Next(ids.Count)]) : null,
                change_related = random.Next(4) != 0,
            };
        }).ToList();

        var engineers = Enumerable.Range(0, 16).Select(i => new
        {
            id = $"{prefix}-e{i}@x.example",
            start_date = DateOnly.FromDateTime(Start).AddDays(random.Next(-20, 56)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            team = teams[random.Next(teams.Count)],
            github_login = random.Next(5) == 0 ? null : $"{prefix}-gh{i}",
        }).ToList();
        (string Author, string? Type) Author() => random.Next(8) switch
        {
            0 => ("dependabot[bot]", "Bot"),
            1 => ("renovate-bot", null),
            2 => (engineers[random.Next(engineers.Count)].id, null),
            _ => (engineers[random.Next(engineers.Count)].github_login ?? "someone", "User"),
        };

        var prs = Enumerable.Range(0, random.Next(60, 120)).Select(i =>
        {
            var created = Any().AddDays(-2);
            var merged = created.AddMinutes(random.Next(10, 60 * 72));
            var (author, type) = Author();
            var first = created.AddMinutes(random.Next(-600, 120));
            // A draft marked ready between its opening and its merge; a first review (or none) that may
            // come before the draft was ready or after the merge.
            var ready = random.Next(3) == 0 ? created.AddMinutes(random.Next(0, (int)(merged - created).TotalMinutes + 1)) : (DateTime?)null;
            var review = random.Next(4) == 0 ? (DateTime?)null : created.AddMinutes(random.Next(0, (int)(merged - created).TotalMinutes + 600));
            string[] labels = random.Next(6) switch { 0 => ["dependencies"], 1 => ["Dependencies", "backend"], 2 => ["backend"], _ => [] };
            labels = Fix(labels, c => c.Next(2) == 0 ? [] : ["dependencies"]);
            return new
            {
                repository = $"{prefix}/r{random.Next(services.Count)}",
                number = i + 1,
                author,
                author_type = type,
                created_at = Iso(created),
                // A first commit dated after the pull request opened (a rebased branch): coding time 0.
                first_commit_at = random.Next(4) == 0 ? null : Iso(first > merged ? merged : first),
                ready_for_review_at = ready is { } d ? Iso(d) : null,
                first_review_at = review is { } f ? Iso(f) : null,
                merged_at = Iso(Fix(merged, c => merged.AddMinutes(c.Next(1, 60 * 30)))),
                merge_commit_sha = shas[random.Next(shas.Count)],
                labels,
            };
        }).ToList();

        var requests = Enumerable.Range(0, random.Next(8, 24)).Select(i =>
        {
            var requested = Any();
            return new
            {
                id = $"{prefix}-p{i}",
                resource_type = "db",
                requested_at = Iso(requested),
                channel = random.Next(2) == 0 ? "ticket" : "self_service",
                team = random.Next(4) == 0 ? null : teams[random.Next(teams.Count)],
                service = services[random.Next(services.Count)],
                ready_at = random.Next(4) == 0 ? null : Iso(requested.AddMinutes(random.Next(5, 60 * 100))),
                status = random.Next(6) == 0 ? "cancelled" : "open",
            };
        }).ToList();

        await server.PushAllAsync("services", catalog);
        await server.PushAllAsync("engineers", engineers);
        await server.PushAllAsync("deployments", deployments);
        await server.PushAllAsync("incidents", incidents);
        await server.PushAllAsync("pull-requests", prs);
        await server.PushAllAsync("provisioning-requests", requests);
        await server.FlushAsync();
        return new RandomOrganisation(teams, services);
    }
}
