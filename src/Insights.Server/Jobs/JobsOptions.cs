namespace Insights.Server.Jobs;

/// <summary>Background jobs (configuration section <c>Jobs</c>).</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>How often idle workers look for work; Hangfire's default is 15 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public int WorkerCount { get; set; } = 4;

    /// <summary>The PostgreSQL schema of Hangfire's tables.</summary>
    public string SchemaName { get; set; } = "hangfire";
}
