namespace Insights.Domain.Surveys;

/// <summary>A CSV record that was not stored, by its position among the records, with each field's reason.</summary>
public sealed record SurveyCsvRejection(int Index, IReadOnlyDictionary<string, string[]> Errors);
