namespace Insights.Server.Jobs;

/// <summary>
/// What one instance does (configuration <c>Insights:Role</c>): <c>all</c> (default), <c>api</c>
/// (HTTP API only, no job processing) or <c>jobs</c> (job processing and health endpoints only).
/// Any number of instances of each role may share one PostgreSQL and ClickHouse.
/// </summary>
public sealed record InstanceRole(bool ServesApi, bool RunsJobs)
{
    public static InstanceRole From(IConfiguration configuration) => configuration["Insights:Role"]?.Trim().ToLowerInvariant() switch
    {
        null or "" or "all" => new(true, true),
        "api" => new(true, false),
        "jobs" => new(false, true),
        var other => throw new InvalidOperationException($"Insights:Role must be all, api or jobs; got '{other}'."),
    };
}
