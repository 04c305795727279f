using Insights.Domain.Surveys;

namespace Insights.Server.Surveys;

/// <summary>What a CSV import stored and what it refused (by record index, with each field's reason).</summary>
public sealed record SurveyImportResult(int Accepted, IReadOnlyList<SurveyCsvRejection> Rejected);
