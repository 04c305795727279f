namespace Insights.Reports.Content;

/// <summary>One stage of a <see cref="StagesSection"/>: its name, what it measures (the items column's meaning) and its median hours.</summary>
public sealed record ReportStage(string Name, string About, double? Hours);
