namespace Insights.Domain.Events;

public sealed record PullRequest(string Repository, long Number, string Author, DateTime CreatedAt)
{
    public string? Source { get; init; }

    /// <summary>The source's account type of the author (GitHub: User, Bot, Organization); bots' changes are left out of lead time.</summary>
    public string? AuthorType { get; init; }

    public string? Service { get; init; }

    public string? Title { get; init; }

    public DateTime? MergedAt { get; init; }

    public string? MergeCommitSha { get; init; }

    public DateTime? FirstCommitAt { get; init; }

    public string? BaseRef { get; init; }

    public long? Additions { get; init; }

    public long? Deletions { get; init; }
}
