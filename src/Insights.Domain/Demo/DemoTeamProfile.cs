namespace Insights.Domain.Demo;

/// <summary>How one demo team works: how often it ships, how often that breaks, how fast it recovers, when it adopted the golden path.</summary>
public sealed record DemoTeamProfile(
    string Team,
    double ReleasesPerWorkday,
    double PullRequestsPerWorkday,
    double ChangeFailureProbability,
    double MedianRecoveryHours,
    double MedianReviewHours,
    int? GoldenPathFromDay,
    IReadOnlyList<DemoServiceProfile> Services);

/// <summary>A demo service: whether its deployments list the commits they ship, and its own production environments.</summary>
public sealed record DemoServiceProfile(string Name, bool ListsCommits, IReadOnlyList<string> ProductionEnvironments, bool FromTemplate);
