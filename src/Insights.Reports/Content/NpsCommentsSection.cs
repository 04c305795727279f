namespace Insights.Reports.Content;

/// <summary>Survey comments, only from groups at or above the anonymity threshold.</summary>
/// <param name="Threshold">The smallest group whose comments are shown (for each campaign the larger of <c>metrics.minimum_group_size</c> and its own threshold; the smallest of those).</param>
/// <param name="Omitted">Comments left out to keep the section short (the API lists them all).</param>
public sealed record NpsCommentsSection(DateOnly From, DateOnly To, int Threshold, IReadOnlyList<NpsComment> Comments, int Omitted = 0);
