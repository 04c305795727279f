namespace Insights.Reports.Content;

/// <summary>Survey comments, only from groups at or above the anonymity threshold.</summary>
/// <param name="Threshold">The smallest group whose comments are shown (for each campaign the larger of <c>metrics.minimum_group_size</c> and its own threshold; the smallest of those).</param>
/// <param name="Comments">Distinct comments, the most often written first.</param>
/// <param name="Omitted">Distinct comments left out to keep the section short (the survey's own results list them all).</param>
public sealed record NpsCommentsSection(DateOnly From, DateOnly To, int Threshold, IReadOnlyList<NpsComment> Comments, int Omitted = 0);
