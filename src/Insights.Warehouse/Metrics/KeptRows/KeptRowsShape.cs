using System.Security.Cryptography;
using System.Text;
using Insights.Domain.Metrics;
using Insights.Warehouse.Sql;

namespace Insights.Warehouse.Metrics.KeptRows;

/// <summary>
/// The rows a metric question counts, for the whole organisation, as its own <c>rows.sql</c> gives them
/// with every team and both golden-path groups apart (<c>group_team</c>, <c>group_golden</c>): what a
/// kept table holds, with the rows its items list but never count. Any question that differs from it only
/// in its team, service and golden-path filters, its interval and its grouping is answered from these rows
/// by its <c>summary.sql</c>, and its items (but for a golden-path filter) are read from them. <see cref="Key"/>
/// is a hash of the rendered SQL, so the range, the environment filter and every setting the SQL reads
/// (production environments, windows, cold start, golden-path patterns, bot rules, labels) are in it:
/// a changed setting is another shape, never a stale one.
/// </summary>
public sealed record KeptRowsShape(MetricQuery Question, IReadOnlyList<string> Setup, string Rows, string Key)
{
    /// <summary>Where a summary reads its rows; a metric whose summary reads them otherwise is not kept.</summary>
    internal const string RowsPartial = "{{> rows}}";

    /// <summary>
    /// The shape that answers <paramref name="query"/>, or null when the question cannot be answered from
    /// kept rows: NPS (its answers are not rows), a metric whose rows depend on the time of asking
    /// (provisioning's pending hours, onboarding's merges until now), a golden-path filter on a metric that
    /// does not group by it, or <see cref="MetricsOptions.KeepRows"/> off.
    /// </summary>
    public static KeptRowsShape? For(MetricQuery query, MetricsOptions options, DateTime now)
    {
        var metric = query.Metric;
        query = query.WithApplicableFilters();
        if (!options.KeepRows || !metric.GroupsByTeam || !SqlResources.Exists(metric.RowsFile)
            || !SqlResources.Read(metric.SqlFile).Contains(RowsPartial, StringComparison.Ordinal)
            || !string.IsNullOrEmpty(query.Campaign)
            || (query.GoldenPath is not null && !metric.GroupsByGoldenPath))
        {
            return null;
        }

        var organisation = query with { Team = null, Service = null, GoldenPath = null, Benchmark = null };
        var (setup, rows) = Render(organisation, options, now);
        var text = string.Join(";\n", setup.Append(rows));
        // Rows that would differ when asked a day later are not kept: their table would answer for another moment.
        var later = Render(organisation, options, now.AddDays(1));
        if (string.Join(";\n", later.Setup.Append(later.Rows)) != text)
        {
            return null;
        }

        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(metric.Name + "\n" + text)))[..16];
        return new KeptRowsShape(organisation, setup, rows, key);
    }

    private static (IReadOnlyList<string> Setup, string Rows) Render(MetricQuery organisation, MetricsOptions options, DateTime now)
    {
        // With items: the listed-only rows too (an incident no deployment caused…), so that a metric's items
        // read the same table; its summary counts only counted rows.
        var fragments = new Dictionary<string, string>(MetricFragments.Build(organisation, options, now, items: true), StringComparer.Ordinal)
        {
            ["by_team"] = "1",
            ["by_golden"] = "1",
        };
        var setup = MetricSql.SetupOf(organisation.Metric, fragments);
        return (setup, SqlTemplate.Render(organisation.Metric.RowsFile, fragments));
    }
}
