using Insights.Domain.Events;
using Insights.Domain.Surveys;

namespace Insights.Domain.Demo;

/// <summary>
/// A deterministic, plausible engineering organisation: a few teams at different DORA levels
/// adopting the golden path at different times, with staging and failed attempts, rollbacks,
/// hotfixes, incidents linked and unlinked, engineers joining, and infrastructure requested by
/// ticket or self-service. The same seed and dates always give the same events and ids.
/// <see cref="Scale"/> repeats the teams to build large organisations for benchmarks.
/// </summary>
public sealed class DemoOrganisation
{
    public const string Source = "demo";
    public const string GoldenPathPipeline = "golden-path/deploy";
    public const string LegacyPipeline = "jenkins/deploy";
    public const int EngineersPerTeam = 9;

    private static readonly IReadOnlyList<DemoTeamProfile> BaseTeams =
    [
        new("payments", ReleasesPerWorkday: 4, PullRequestsPerWorkday: 14, ChangeFailureProbability: 0.04, MedianRecoveryHours: 0.8, MedianReviewHours: 3, GoldenPathFromDay: 10,
            [new("payments-api", ListsCommits: true, ["prod-eu", "prod-us"], FromTemplate: true), new("ledger", ListsCommits: true, [], FromTemplate: true)]),
        new("checkout", ReleasesPerWorkday: 2, PullRequestsPerWorkday: 10, ChangeFailureProbability: 0.09, MedianRecoveryHours: 5, MedianReviewHours: 8, GoldenPathFromDay: 45,
            [new("checkout-web", ListsCommits: false, [], FromTemplate: false), new("cart", ListsCommits: true, [], FromTemplate: true)]),
        new("search", ReleasesPerWorkday: 0.8, PullRequestsPerWorkday: 8, ChangeFailureProbability: 0.14, MedianRecoveryHours: 20, MedianReviewHours: 20, GoldenPathFromDay: 70,
            [new("search-api", ListsCommits: false, [], FromTemplate: false), new("indexer", ListsCommits: true, [], FromTemplate: false)]),
        new("identity", ReleasesPerWorkday: 0.25, PullRequestsPerWorkday: 5, ChangeFailureProbability: 0.25, MedianRecoveryHours: 60, MedianReviewHours: 40, GoldenPathFromDay: null,
            [new("auth", ListsCommits: false, [], FromTemplate: false)]),
        new("platform", ReleasesPerWorkday: 3, PullRequestsPerWorkday: 9, ChangeFailureProbability: 0.05, MedianRecoveryHours: 1.5, MedianReviewHours: 4, GoldenPathFromDay: 0,
            [new("platform-portal", ListsCommits: true, [], FromTemplate: true)]),
    ];

    private static readonly string[] FirstNames =
        ["alice", "bob", "chen", "dana", "emeka", "farah", "goran", "hana", "ivan", "jules", "kofi", "lea", "mateo", "nina", "omar", "priya"];

    private static readonly string[] PromoterComments = ["Golden path templates save me days.", "Self-service databases are great.", "Deploys are boring now, in a good way."];
    private static readonly string[] PassiveComments = ["Docs could be better.", "Mostly fine, CI is a bit slow.", ""];
    private static readonly string[] DetractorComments = ["Waiting on tickets for infrastructure.", "Our pipeline still breaks every week.", "Too many manual steps to release."];

    private static readonly string[] ResourceTypes = ["postgres-database", "s3-bucket", "k8s-namespace", "kafka-topic", "redis-cache"];

    public DemoOrganisation(DateOnly end, int days = 91, int scale = 1, ulong seed = 20_260_101)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 7);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        End = end;
        Days = days;
        Scale = scale;
        Seed = seed;
    }

    /// <summary>The first day after the data (exclusive end, 00:00 UTC).</summary>
    public DateOnly End { get; }

    public DateOnly Start => End.AddDays(-Days);

    public int Days { get; }

    public int Scale { get; }

    public ulong Seed { get; }

    public IReadOnlyList<DemoTeamProfile> Teams => [.. Enumerable.Range(0, Scale).SelectMany(copy => BaseTeams.Select(t => Copy(t, copy)))];

    /// <summary>The golden-path pipeline patterns the demo's configuration should use.</summary>
    public static IReadOnlyList<string> GoldenPathPatterns { get; } = ["golden-path/*"];

    /// <summary>Generates the organisation one team at a time, so even a large scale streams in bounded memory.</summary>
    public IEnumerable<DemoBatch> Generate()
    {
        var teamIndex = 0;
        foreach (var team in Teams)
        {
            yield return GenerateTeam(team, new DemoRandom(Seed + (ulong)teamIndex * 7919UL));
            teamIndex++;
        }
    }

    private static DemoTeamProfile Copy(DemoTeamProfile team, int copy) => copy == 0
        ? team
        : team with
        {
            Team = $"{team.Team}-{copy + 1}",
            Services = [.. team.Services.Select(s => s with { Name = $"{s.Name}-{copy + 1}" })],
        };

    private DemoBatch GenerateTeam(DemoTeamProfile team, DemoRandom random)
    {
        var batch = new DemoBatch();
        var startAt = Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var endAt = End.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        foreach (var service in team.Services)
        {
            batch.Services.Add(new CatalogService(service.Name, team.Team)
            {
                Source = Source,
                Repository = $"acme/{service.Name}",
                GoldenPathTemplate = service.FromTemplate ? "template:default/golden-path-service" : null,
                Lifecycle = "production",
                PagerdutyServiceId = "P" + DemoRandom.Sha(service.Name)[..6].ToUpperInvariant(),
                ProductionEnvironments = service.ProductionEnvironments.Count > 0 ? service.ProductionEnvironments : null,
            });
        }

        var engineers = GenerateEngineers(team, random, batch);
        var incidentSeq = 0;
        for (var s = 0; s < team.Services.Count; s++)
        {
            var service = team.Services[s];
            var timeline = new ServiceTimeline(service, team, $"acme/{service.Name}");
            for (var day = 0; day < Days; day++)
            {
                var date = startAt.AddDays(day);
                var workday = date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
                var factor = (workday ? 1.0 : 0.08) / team.Services.Count;

                foreach (var pr in Enumerable.Range(0, random.Poisson(team.PullRequestsPerWorkday * factor)).Select(_ => NewPullRequest(timeline, date, engineers, random)))
                {
                    batch.PullRequests.Add(pr);
                }

                var releases = Enumerable.Range(0, random.Poisson(team.ReleasesPerWorkday * factor))
                    .Select(_ => date.AddHours(random.Next(10 * 60, 18 * 60) / 60.0))
                    .Order()
                    .ToList();
                foreach (var at in releases)
                {
                    if (at >= endAt)
                    {
                        continue;
                    }

                    Release(timeline, at, day, random, batch, ref incidentSeq, endAt);
                }

                if (random.Chance(0.03))
                {
                    var startedAt = date.AddHours(random.Next(0, 24));
                    var resolved = startedAt.AddHours(random.LogNormalHours(2, 1));
                    batch.Incidents.Add(new Incident($"INC-{team.Team}-{++incidentSeq}", service.Name, "Upstream provider degraded", startedAt)
                    {
                        Source = Source,
                        Severity = "SEV3",
                        ChangeRelated = false,
                        ResolvedAt = resolved < endAt ? resolved : null,
                        AcknowledgedAt = Acknowledged(startedAt, resolved, incidentSeq, endAt),
                    });
                }
            }
        }

        GenerateProvisioning(team, random, batch, endAt);
        GenerateSurveyAnswers(team, engineers, batch);
        return batch;
    }

    private List<Engineer> GenerateEngineers(DemoTeamProfile team, DemoRandom random, DemoBatch batch)
    {
        var engineers = new List<Engineer>();
        var count = EngineersPerTeam;
        for (var i = 0; i < count; i++)
        {
            var first = FirstNames[(i + team.Team.Length) % FirstNames.Length];
            // Two joiners per team start in the period's last 12 weeks (the API's default range, and the
            // benchmark's 90 days however long the period), the rest long before it.
            var start = i < 2
                ? Start.AddDays(Math.Clamp(Days - 79 + (i * 30) + random.Next(0, 10), 0, Days - 7))
                : Start.AddDays(-random.Next(120, 1500));
            var login = $"{first}-{team.Team}";
            engineers.Add(new Engineer($"{first}.{team.Team}@acme.example", start)
            {
                Source = Source,
                Team = team.Team,
                GithubLogin = login,
                Name = $"{char.ToUpperInvariant(first[0])}{first[1..]} ({team.Team})",
            });
        }

        batch.Engineers.AddRange(engineers);
        return engineers;
    }

    private PullRequest NewPullRequest(ServiceTimeline timeline, DateTime date, List<Engineer> engineers, DemoRandom random)
    {
        var mergedAt = date.AddMinutes(random.Next(9 * 60, 18 * 60));
        var review = Math.Min(random.LogNormalHours(timeline.Team.MedianReviewHours, 0.9), 24 * 20);
        var createdAt = mergedAt.AddHours(-review);
        var firstCommitAt = createdAt.AddHours(-Math.Min(random.LogNormalHours(6, 1.1), 24 * 30));
        var eligible = engineers.Where(e => e.StartDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddDays(3) <= createdAt).ToList();
        var author = eligible.Count > 0 ? random.Pick(eligible) : engineers[^1];
        var number = ++timeline.PullRequestNumber;
        var merged = random.Chance(0.92);
        var sha = DemoRandom.Sha($"{timeline.Repository}#{number}");
        // Drafts, reviews and labels follow from the number, not from the random stream, so that the rest
        // of the organisation stays what it was: every 5th change opened as a draft (ready a fifth into
        // its review time), every 9th merged unreviewed, the others picked up 5–65 % into it.
        DateTime? readyAt = number % 5 == 0 ? createdAt.AddHours(review * 0.2) : null;
        var reviewFrom = readyAt ?? createdAt;
        DateTime? firstReviewAt = number % 9 == 0 ? null : reviewFrom.AddHours((mergedAt - reviewFrom).TotalHours * (0.05 + (number * 37 % 61 / 100.0)));
        if (merged)
        {
            timeline.Unshipped.Add((sha, mergedAt));
        }

        return new PullRequest(timeline.Repository, number, author.GithubLogin!, createdAt)
        {
            Source = Source,
            Title = $"Change {number} to {timeline.Service.Name}",
            MergedAt = merged ? mergedAt : null,
            MergeCommitSha = merged ? sha : null,
            FirstCommitAt = firstCommitAt,
            ReadyForReviewAt = readyAt,
            FirstReviewAt = firstReviewAt,
            Labels = number % 11 == 0 ? ["dependencies"] : number % 3 == 0 ? ["backend"] : [],
            BaseRef = "main",
            Additions = random.Next(1, 400),
            Deletions = random.Next(0, 200),
        };
    }

    private void Release(ServiceTimeline timeline, DateTime at, int day, DemoRandom random, DemoBatch batch, ref int incidentSeq, DateTime endAt)
    {
        var service = timeline.Service;
        var team = timeline.Team;
        var buildAt = at.AddMinutes(-40);
        var shipped = timeline.Unshipped.Where(c => c.MergedAt <= buildAt).Select(c => c.Sha).ToList();
        timeline.Unshipped.RemoveAll(c => c.MergedAt <= buildAt);
        var headSha = shipped.Count > 0 ? shipped[^1] : timeline.LastSha ?? DemoRandom.Sha($"{timeline.Repository}@initial");
        var golden = team.GoldenPathFromDay is { } adoption && day >= adoption;
        var pipeline = golden ? GoldenPathPipeline : LegacyPipeline;
        // Half the golden-path services say so themselves; the others are recognised by the pipeline pattern.
        bool? goldenFlag = golden && service.ListsCommits ? true : null;
        var hotfix = timeline.LastFailureAt is { } lastFailure && at - lastFailure < TimeSpan.FromHours(24);

        batch.Deployments.Add(Deploy(timeline, "staging", "success", at.AddMinutes(-45), at.AddMinutes(-35), headSha, null, pipeline, goldenFlag, false));

        var productionEnvironments = service.ProductionEnvironments.Count > 0 ? service.ProductionEnvironments : ["production"];
        if (random.Chance(0.08))
        {
            batch.Deployments.Add(Deploy(timeline, productionEnvironments[0], "failure", at.AddMinutes(-25), at.AddMinutes(-15), headSha, null, pipeline, goldenFlag, hotfix));
        }

        Deployment? first = null;
        for (var region = 0; region < productionEnvironments.Count; region++)
        {
            var finished = at.AddMinutes(30 * region);
            if (finished >= endAt)
            {
                break;
            }

            var deployment = Deploy(timeline, productionEnvironments[region], "success", finished.AddMinutes(-8), finished, headSha,
                service.ListsCommits ? shipped : null, pipeline, goldenFlag, hotfix);
            batch.Deployments.Add(deployment);
            first ??= deployment;
        }

        if (first is null)
        {
            return;
        }

        var previousSha = timeline.LastSha;
        timeline.LastSha = headSha;
        if (!random.Chance(team.ChangeFailureProbability))
        {
            return;
        }

        timeline.LastFailureAt = at;
        var mode = random.NextDouble();
        if (mode < 0.4 || mode >= 0.7 && previousSha is null)
        {
            // An incident that names its cause.
            var startedAt = at.AddMinutes(random.Next(10, 180));
            AddIncident(batch, team, service, startedAt, first.Id, random, ref incidentSeq, endAt);
        }
        else if (mode < 0.7)
        {
            // An incident nobody linked, inside the attribution window.
            var startedAt = at.AddMinutes(random.Next(60, 20 * 60));
            AddIncident(batch, team, service, startedAt, null, random, ref incidentSeq, endAt);
        }
        else
        {
            // Rolled back to the previous version.
            var rolledBackAt = at.AddMinutes(random.Next(20, 90));
            if (rolledBackAt < endAt)
            {
                var rollback = Deploy(timeline, first.Environment, "success", rolledBackAt.AddMinutes(-5), rolledBackAt, previousSha!, null, pipeline, goldenFlag, false)
                    with { RollbackOf = first.Id };
                batch.Deployments.Add(rollback);
                timeline.LastSha = previousSha;
            }
        }
    }

    private static void AddIncident(DemoBatch batch, DemoTeamProfile team, DemoServiceProfile service, DateTime startedAt, string? deploymentId, DemoRandom random, ref int incidentSeq, DateTime endAt)
    {
        if (startedAt >= endAt)
        {
            return;
        }

        var resolvedAt = startedAt.AddHours(Math.Min(random.LogNormalHours(team.MedianRecoveryHours, 0.9), 24 * 30));
        batch.Incidents.Add(new Incident($"INC-{team.Team}-{++incidentSeq}", service.Name, $"{service.Name}: elevated error rate", startedAt)
        {
            Source = Source,
            Severity = random.Chance(0.3) ? "SEV1" : "SEV2",
            DeploymentId = deploymentId,
            ResolvedAt = resolvedAt < endAt ? resolvedAt : null,
            AcknowledgedAt = Acknowledged(startedAt, resolvedAt, incidentSeq, endAt),
        });
    }

    /// <summary>
    /// When the on-call engineer acknowledged an incident: 2–20 % into its time to restore, every 7th never
    /// (from its number, not the random stream, so that the rest of the organisation stays what it was),
    /// and not yet when that is after the organisation's end.
    /// </summary>
    private static DateTime? Acknowledged(DateTime startedAt, DateTime resolvedAt, int sequence, DateTime endAt)
    {
        var at = startedAt.AddHours((resolvedAt - startedAt).TotalHours * (0.02 + (sequence * 13 % 19 / 100.0)));
        return sequence % 7 == 0 || at >= endAt ? null : at;
    }

    private static Deployment Deploy(ServiceTimeline timeline, string environment, string status, DateTime startedAt, DateTime finishedAt, string sha, IReadOnlyList<string>? commits, string pipeline, bool? golden, bool hotfix) =>
        new($"{timeline.Service.Name}-{++timeline.DeploymentNumber}", timeline.Service.Name, environment, status)
        {
            Source = Source,
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            CommitSha = sha,
            Commits = commits,
            Repository = timeline.Repository,
            Pipeline = pipeline,
            GoldenPath = golden,
            Hotfix = hotfix ? true : null,
            TriggeredBy = "ci-bot",
        };

    private void GenerateProvisioning(DemoTeamProfile team, DemoRandom random, DemoBatch batch, DateTime endAt)
    {
        var startAt = Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var seq = 0;
        for (var day = 0; day < Days; day++)
        {
            var date = startAt.AddDays(day);
            if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            for (var i = random.Poisson(0.6); i > 0; i--)
            {
                var requestedAt = date.AddMinutes(random.Next(9 * 60, 17 * 60));
                var selfService = team.GoldenPathFromDay is { } adoption && day >= adoption && random.Chance(0.85);
                var readyAt = requestedAt.AddHours(selfService ? random.LogNormalHours(0.25, 0.5) : random.LogNormalHours(40, 0.6));
                var ready = readyAt < endAt;
                batch.ProvisioningRequests.Add(new ProvisioningRequest(
                    $"{team.Team}-req-{++seq}",
                    random.Pick(ResourceTypes),
                    requestedAt,
                    selfService ? ProvisioningRequest.SelfService : ProvisioningRequest.Ticket)
                {
                    Source = Source,
                    Team = team.Team,
                    ReadyAt = ready ? readyAt : null,
                    Status = ready ? "done" : "open",
                });
            }
        }
    }

    /// <summary>
    /// The demo NPS campaign: every team asked (its engineers counted), open over the last eight weeks of
    /// the data. Its id is fixed, so a newer demo load replaces it instead of adding another.
    /// </summary>
    public SurveyCampaign SurveyCampaign() => new(
        new Guid("5e7a1d00-0000-4000-8000-00000000d3e0"),
        "Platform NPS (demo)",
        Surveys.SurveyCampaign.DefaultQuestion,
        Surveys.SurveyCampaign.DefaultCommentPrompt,
        [.. Teams.Select(t => new AudienceTeam(t.Team, EngineersPerTeam))],
        null,
        End.AddDays(-56).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        End.AddDays(28).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        1,
        Surveys.SurveyCampaign.DefaultReaskDays,
        Surveys.SurveyCampaign.DefaultAnonymityThreshold,
        End.AddDays(-56).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        null);

    /// <summary>
    /// Most engineers answer, over the campaign's first six weeks; teams further along the golden path are happier.
    /// A few answer twice (the second answer replaces the first). A random stream of its own keeps the
    /// other generated events unchanged.
    /// </summary>
    private void GenerateSurveyAnswers(DemoTeamProfile team, List<Engineer> engineers, DemoBatch batch)
    {
        var random = new DemoRandom(Seed ^ Convert.ToUInt64(DemoRandom.Sha("survey:" + team.Team)[..16], 16));
        var opens = End.AddDays(-56).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var endAt = End.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var adoptedFor = team.GoldenPathFromDay is { } day ? Days - day : 0;
        var happiness = Math.Clamp(0.35 + (adoptedFor / (double)Days * 0.5), 0, 1);
        // Six to all nine engineers of a team answer: every team is large enough (>= 5) to be shown.
        foreach (var engineer in engineers.Take(random.Next(6, engineers.Count + 1)))
        {
            var answers = random.Chance(0.15) ? 2 : 1;
            for (var i = 0; i < answers; i++)
            {
                var at = opens.AddDays(random.Next(i * 21, 42 + (i * 7))).AddMinutes(random.Next(9 * 60, 18 * 60));
                if (at >= endAt)
                {
                    continue;
                }

                var draw = random.NextDouble();
                var score = draw < happiness ? random.Next(9, 11) : draw < happiness + 0.3 ? random.Next(7, 9) : random.Next(2, 7);
                var comments = score >= 9 ? PromoterComments : score >= 7 ? PassiveComments : DetractorComments;
                batch.SurveyAnswers.Add(new DemoSurveyAnswer(engineer.Id, team.Team, score, random.Chance(0.6) ? random.Pick(comments) : string.Empty, at));
            }
        }
    }

    private sealed class ServiceTimeline(DemoServiceProfile service, DemoTeamProfile team, string repository)
    {
        public DemoServiceProfile Service { get; } = service;

        public DemoTeamProfile Team { get; } = team;

        public string Repository { get; } = repository;

        public long PullRequestNumber { get; set; }

        public int DeploymentNumber { get; set; }

        public string? LastSha { get; set; }

        public DateTime? LastFailureAt { get; set; }

        public List<(string Sha, DateTime MergedAt)> Unshipped { get; } = [];
    }
}
