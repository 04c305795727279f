namespace Insights.Reports.Content;

/// <summary>One row a regression names: the id it was pushed with, and its value or its detail field.</summary>
/// <param name="Value">What it contributes, in the metric's unit (a percentile metric's rows).</param>
/// <param name="Detail">The manifest's detail field ("incident", "rollback"), when it names one.</param>
public sealed record Contributor(string Id, double? Value, string? Detail);
