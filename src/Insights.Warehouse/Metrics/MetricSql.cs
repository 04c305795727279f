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

    /// <summary>
    /// The summary and series read from a kept table instead of the rows' SQL: the same <c>summary.sql</c>,
    /// whose <c>{{&gt; rows}}</c> becomes the kept organisation-wide rows narrowed to the question's filters,
    /// with the question's own grouping (docs/adr/0007-kept-rows.md).
    /// </summary>
    public static MetricSql FromKeptRows(MetricDefinition metric, IReadOnlyDictionary<string, string> fragments, KeptRows.KeptTable table)
    {
        var summary = SqlResources.Read(metric.SqlFile).Replace(KeptRows.KeptRowsShape.RowsPartial, "{{kept_rows}}", StringComparison.Ordinal);
        var withRows = new Dictionary<string, string>(fragments, StringComparer.Ordinal) { ["kept_rows"] = KeptRowsOf(fragments, table) };
        return new([], Last(SqlTemplate.RenderText(summary, withRows, metric.Folder), metric.SqlFile));
    }

    /// <summary>
    /// A kept table's rows narrowed to the question's team, service and golden-path filters (the columns
    /// those filters read: <c>group_team</c>, <c>service</c>, <c>group_golden</c>), with <c>group_team</c> and
    /// <c>group_golden</c> as the question's grouping sets them.
    /// </summary>
    public static string KeptRowsOf(IReadOnlyDictionary<string, string> fragments, KeptRows.KeptTable table)
    {
        var golden = table.Columns.Contains("group_golden");
        var passed = table.Columns.Where(c => c is not ("group_team" or "group_golden"));
        var rows = $$$"""
            SELECT {{{string.Join(", ", passed)}}},
                if({{by_team}} = 1, kept_team, '') AS group_team{{{(golden ? ", if({{by_golden}} = 1, kept_golden, toInt8(-1)) AS group_golden" : "")}}}
            FROM
            (
                SELECT *, group_team AS kept_team{{{(golden ? ", group_golden AS kept_golden" : "")}}}
                FROM {{{table.Name}}}
                WHERE ({{team}} = '' OR group_team = {{team}}) AND ({{service}} = '' OR service = {{service}}){{{(golden ? " AND ({{golden}} = -1 OR group_golden = {{golden}})" : "")}}}
            )
            """;
        return SqlTemplate.RenderText(rows, fragments);
    }

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
