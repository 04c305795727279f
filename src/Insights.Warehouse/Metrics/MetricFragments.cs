using System.Globalization;
using Insights.Domain.Metrics;
using Insights.Warehouse.ClickHouse;
using Insights.Warehouse.Sql;

namespace Insights.Warehouse.Metrics;

/// <summary>
/// The values a metric SQL file receives, each already a SQL literal (rendered by
/// <see cref="SqlLiteral"/>): the range and its scan windows, the filters, the configuration.
/// </summary>
public static class MetricFragments
{
    /// <summary>Deployments are scanned by start; one that ran longer than this across the range start is missed.</summary>
    public static readonly TimeSpan DeploymentDurationSlack = TimeSpan.FromDays(7);

    /// <summary>How long after a range a rollback or a late incident still marks a deployment in it as failed.</summary>
    public static readonly TimeSpan FollowUp = TimeSpan.FromDays(7);

    /// <summary>
    /// A stand-in metric that takes every deployment filter, for SQL that reads the metric fragments
    /// without being a metric (the catalog's and the timeline's queries).
    /// </summary>
    public static readonly MetricDefinition Scope = new()
    {
        Name = "(scope)",
        Title = "(scope)",
        Unit = "",
        Filters = ["team", "service", "environment", "golden_path"],
    };

    /// <param name="grouping">Group every team's rows apart (partials/group_team.sql), or golden-path and other
    /// deployments (partials/group_golden.sql), instead of answering one scope.</param>
    /// <param name="items">For the rows themselves (the <c>items</c> fragment, which keeps the
    /// <c>{{#if items}}</c> blocks of a rows.sql: rows that never count, only listed).</param>
    public static IReadOnlyDictionary<string, string> Build(MetricQuery query, MetricsOptions options, DateTime now, MetricGrouping grouping = MetricGrouping.None, bool items = false)
    {
        query = query.WithApplicableFilters();
        var from = query.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = query.To.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var window = TimeSpan.FromHours(options.AttributionWindowHours);
        var golden = GlobPattern.ToRegex(options.GoldenPathPipelines);
        var production = options.ProductionEnvironmentNames;
        var bots = options.EffectiveBotAuthors.Select(b => b.Trim().ToLowerInvariant()).Where(b => b.Length > 0).ToList();
        var botRegex = GlobPattern.ToRegex(bots);
        var excludedLabels = options.ExcludeLabels.Select(l => l.Trim().ToLowerInvariant()).Where(l => l.Length > 0).Distinct().ToList();
        var fragments = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["from"] = SqlLiteral.DateTime(from),
            ["to"] = SqlLiteral.DateTime(to),
            ["from_date"] = SqlLiteral.Render(query.From),
            ["to_date"] = SqlLiteral.Render(query.To),
            ["now"] = SqlLiteral.DateTime(now),
            ["range_days"] = SqlLiteral.Render(query.To.DayNumber - query.From.DayNumber),
            ["range_weeks"] = SqlLiteral.Array(PeriodCalendar.Periods(query.From, query.To, Interval.Week)),
            ["range_months"] = SqlLiteral.Array(PeriodCalendar.Periods(query.From, query.To, Interval.Month)),
            ["range_scan_from"] = SqlLiteral.DateTime(from - DeploymentDurationSlack),
            ["lookback_from"] = SqlLiteral.DateTime(from.AddDays(-options.LookbackDays)),
            ["to_plus_window"] = SqlLiteral.DateTime(to + window),
            ["to_plus_followup"] = SqlLiteral.DateTime(to + (window > FollowUp ? window : FollowUp)),
            ["far_future"] = SqlLiteral.DateTime(new DateTime(2105, 12, 31, 0, 0, 0, DateTimeKind.Utc)),
            ["far_past"] = SqlLiteral.DateTime(new DateTime(1970, 1, 2, 0, 0, 0, DateTimeKind.Utc)),
            ["window"] = SqlLiteral.Render((long)window.TotalSeconds),
            ["cold_start"] = SqlLiteral.Render((long)TimeSpan.FromDays(options.ColdStartDays).TotalSeconds),
            ["period"] = query.Interval switch
            {
                Interval.Day => "toDate",
                Interval.Week => "toMonday",
                Interval.Month => "toStartOfMonth",
                _ => throw new ArgumentOutOfRangeException(nameof(query), query.Interval, "Unknown interval."),
            },
            ["production_environments"] = SqlLiteral.Array(production),
            ["production_environments_text"] = SqlLiteral.String(string.Join(", ", production)),
            ["exclude_bots"] = options.ExcludeBots ? "1" : "0",
            ["has_bot_patterns"] = botRegex.Length > 0 ? "1" : "0",
            ["bot_regex"] = SqlLiteral.String(botRegex),
            ["bot_authors_text"] = SqlLiteral.String(string.Join(", ", bots)),
            // TRICKY: ClickHouse types [] as Array(Nothing), which has() refuses against a String.
            ["exclude_labels"] = excludedLabels.Count > 0 ? SqlLiteral.Array(excludedLabels) : "emptyArrayString()",
            ["has_golden_patterns"] = golden.Length > 0 ? "1" : "0",
            ["golden_path_regex"] = SqlLiteral.String(golden),
            ["team"] = SqlLiteral.String(query.Team ?? string.Empty),
            ["service"] = SqlLiteral.String(query.Service ?? string.Empty),
            ["environment"] = SqlLiteral.String(query.Environment?.ToLowerInvariant() ?? string.Empty),
            ["golden"] = query.GoldenPath switch { true => "1", false => "0", null => "-1" },
            ["campaign"] = SqlLiteral.String(Guid.TryParse(query.Campaign, out var campaign) ? campaign.ToString("D") : string.Empty),
            ["min_group_size"] = options.MinimumGroupSize.ToString(CultureInfo.InvariantCulture),
            ["by_team"] = grouping == MetricGrouping.ByTeam ? "1" : "0",
            ["by_golden"] = grouping == MetricGrouping.ByGoldenPath ? "1" : "0",
            ["items"] = items ? "1" : "0",
        };
        AddScopes(fragments, query, options.NarrowScansByScope);
        return fragments;
    }

    /// <summary>
    /// The team and service filters as predicates that narrow the scans themselves: <c>scope</c> on a
    /// table's service column (the sort key of deployments, so a team's query reads its services'
    /// granules only), <c>change_scope</c> on raw pull_requests rows and <c>scope_owned</c> on
    /// deduplicated rows. Rendered only when a filter is set, because ClickHouse does not use the index
    /// for a predicate like <c>'' = '' OR service IN (…)</c>. Onboarding's cohort narrows its scans
    /// whatever the filters (<c>cohort_changes</c>, <c>cohort_services</c>).
    /// </summary>
    private static void AddScopes(Dictionary<string, string> fragments, MetricQuery query, bool narrow)
    {
        var team = narrow && !string.IsNullOrEmpty(query.Team);
        var service = narrow && !string.IsNullOrEmpty(query.Service);
        var scope = team ? "service IN ({{> scoped_services}})" : service ? "service = {{service}}" : "1";
        fragments["scope"] = SqlTemplate.RenderText(scope, fragments);
        fragments["change_scope"] = team || service
            ? SqlTemplate.RenderText($"(repository IN ({{{{> scoped_repositories}}}}) OR id IN (SELECT id FROM pull_requests WHERE {scope}))", fragments)
            : "1";
        fragments["scope_owned"] = team || service ? SqlTemplate.RenderText("{{> ownership_filter}}", fragments) : "1";

        // Onboarding follows engineers, not services: it reads only the pull requests its cohort
        // authored (every copy of them), then only the deployments of those pull requests' services.
        fragments["cohort_changes"] = narrow
            ? SqlTemplate.RenderText("id IN (SELECT id FROM pull_requests WHERE merged_at >= {{from}} AND merged_at < {{now}} AND lower(author) IN ({{> cohort_authors}}))", fragments)
            : "1";
        // TRICKY: GLOBAL, because on a cluster this predicate travels to the shards with the scan of the
        // Distributed deployments, and only this node has the session's temporary table; on one server it is IN.
        fragments["cohort_services"] = narrow ? "service GLOBAL IN (SELECT service FROM window_changes)" : "1";
    }
}
