namespace Insights.Domain.Events;

public sealed record Engineer(string Id, DateOnly StartDate)
{
    public string? Source { get; init; }

    public string? Team { get; init; }

    public string? GithubLogin { get; init; }

    public string? JiraAccountId { get; init; }

    public string? Name { get; init; }
}
