using Insights.Warehouse.Metrics;

namespace Insights.Reports.Content;

/// <summary>One line of the organisation report's team table: the team's four keys for the week and its adoption.</summary>
public sealed record TeamRow(string Team, DoraResult Dora, MetricValues Adoption);
