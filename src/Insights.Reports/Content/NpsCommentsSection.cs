namespace Insights.Reports.Content;

/// <summary>Survey comments, only from groups at or above the anonymity threshold.</summary>
/// <param name="Threshold">The smallest group whose comments are shown (<c>metrics.minimum_group_size</c>).</param>
public sealed record NpsCommentsSection(DateOnly From, DateOnly To, int Threshold, IReadOnlyList<NpsComment> Comments);
