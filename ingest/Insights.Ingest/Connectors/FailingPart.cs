namespace Insights.Ingest.Connectors;

/// <summary>A part of a source (a repository, a JQL query, a PagerDuty service) whose own sync failed while the others went on.</summary>
/// <param name="Since">The start of the first run of the current streak of failures.</param>
/// <param name="Failures">Runs in a row in which it failed.</param>
public sealed record FailingPart(string Part, string Error, DateTime Since, int Failures);
