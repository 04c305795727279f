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

    /// <summary>When a change opened as a draft was marked ready for review (null: it never was a draft).</summary>
    public DateTime? ReadyForReviewAt { get; init; }

    /// <summary>The first review submitted by someone other than the author (bots excluded).</summary>
    public DateTime? FirstReviewAt { get; init; }

    public string? BaseRef { get; init; }

    public long? Additions { get; init; }

    public long? Deletions { get; init; }

    /// <summary>The change's labels as the source names them (e.g. <c>dependencies</c>).</summary>
    public IReadOnlyList<string>? Labels { get; init; }
}
