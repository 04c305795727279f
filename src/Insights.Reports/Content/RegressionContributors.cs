namespace Insights.Reports.Content;

/// <summary>The rows behind a regression, worst first: "Slowest: acme/search#412 (74.1 h), …".</summary>
/// <param name="Label">The manifest's words for them ("Slowest", "Failed").</param>
/// <param name="More">How many more rows of the same kind the week holds (a share's numerator beyond the named).</param>
public sealed record RegressionContributors(string Label, IReadOnlyList<Contributor> Rows, int More);
