namespace Insights.Reports.Content;

/// <summary>Golden-path against other deployments over the 12 weeks ending with the report week.</summary>
public sealed record GoldenPathSection(DateOnly From, DateOnly To, IReadOnlyList<GoldenPathComparison> Metrics);
