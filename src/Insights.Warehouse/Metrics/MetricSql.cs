using Insights.Domain.Metrics;
using Insights.Warehouse.Sql;

namespace Insights.Warehouse.Metrics;

/// <summary>
/// A metric's summary question rendered from its folder: the statements of its <c>setup.sql</c>
/// (temporary tables shared by its summary and its rows) and the query that answers it.
/// </summary>
public sealed record MetricSql(IReadOnlyList<string> Setup, string Query)
{
    /// <summary>The summary and series (<c>summary.sql</c>).</summary>
    public static MetricSql Summary(MetricDefinition metric, IReadOnlyDictionary<string, string> fragments) =>
        new(SetupOf(metric, fragments), Last(SqlTemplate.Render(metric.SqlFile, fragments), metric.SqlFile));

    /// <summary>The whole text, as <c>explain</c> prints it.</summary>
    public override string ToString() => string.Join(";\n\n", Setup.Append(Query)) + ";\n";

    /// <summary>The statements of the metric's <c>setup.sql</c>, shared by its summary and its rows.</summary>
    internal static IReadOnlyList<string> SetupOf(MetricDefinition metric, IReadOnlyDictionary<string, string> fragments) =>
        SqlResources.Exists(metric.SetupFile) ? SqlStatements.Split(SqlTemplate.Render(metric.SetupFile, fragments)) : [];

    private static string Last(string sql, string origin)
    {
        var statements = SqlStatements.Split(sql);
        return statements.Count == 1
            ? statements[0]
            : throw new InvalidOperationException($"{origin} must hold one query (temporary tables belong in setup.sql); it holds {statements.Count} statements.");
    }
}
