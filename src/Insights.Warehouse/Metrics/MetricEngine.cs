using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using Insights.Domain.Metrics;
using Insights.Warehouse.ClickHouse;
using Insights.Warehouse.Metrics.KeptRows;
using Insights.Warehouse.Sql;
using Microsoft.Extensions.Options;

namespace Insights.Warehouse.Metrics;

/// <summary>
/// The one way any number reaches a user: renders the metric's folder (its setup and summary SQL), lets
/// ClickHouse compute it, and shapes the rows into a <see cref="MetricResult"/> (rounding, bands, filled
/// series, the manifest's figures). The API, the Grafana datasource and the weekly report all call this;
/// the rows behind a number come from <see cref="MetricItemReader"/>, out of the same folder.
/// With <paramref name="keptRows"/>, a question whose rows are kept on the data's current version is
/// answered from them by the same summary SQL, and one whose rows are not is computed and its rows kept
/// in the background by <paramref name="keeper"/> (docs/adr/0007-kept-rows.md).
/// </summary>
public sealed class MetricEngine(
    ClickHouseClient clickHouse,
    IOptionsMonitor<MetricsOptions> options,
    TimeProvider clock,
    IMeterFactory? meters = null,
    KeptRowsStore? keptRows = null,
    IKeptRowsKeeper? keeper = null)
{
    public const int MaxRangeDays = 3 * 366;
    public const int MaxPeriods = 1_000;
    private const string SummaryBucket = "summary";

    private readonly Histogram<double>? _latency = meters?.Create("Insights.Metrics").CreateHistogram<double>(
        "insights.metrics.query.duration", "s", "Time to compute one metric in ClickHouse.");

    // group_team / group_golden: a row's team, or golden-path group, when a question is answered for
    // every team or both deployment kinds at once; the answer's filters show them.
    private static readonly HashSet<string> Standard = ["bucket", "group_team", "group_golden", "value", "n", "p50", "p75", "p90"];

    public MetricsOptions Options => options.CurrentValue;

    public async Task<MetricResult> ComputeAsync(MetricQuery query, CancellationToken cancellationToken = default)
    {
        var (rows, benchmark, path) = await QueryAsync(query, MetricGrouping.None, cancellationToken).ConfigureAwait(false);
        return Shape(query, rows, benchmark) with { AnsweredFrom = path };
    }

    /// <summary>Whether the metric can answer for every team in one question (its manifest's groupings; its SQL groups by <c>group_team</c>).</summary>
    public static bool GroupsByTeam(MetricDefinition metric) => metric.GroupsByTeam;

    /// <summary>
    /// The metric for every team in one question: the same SQL, grouped by the team its team filter
    /// reads, so that each team's answer is exactly what <see cref="ComputeAsync"/> gives with that team
    /// filter (ScanNarrowingTests and NpsMetricTests compare them) at the cost of one organisation-wide question instead of
    /// one per team. The weekly report asks this way.
    /// </summary>
    public async Task<MetricResultsByTeam> ComputeByTeamAsync(MetricQuery query, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrEmpty(query.Team))
        {
            throw new MetricQueryException("team", "must be empty when every team is answered at once.");
        }

        if (!GroupsByTeam(query.Metric))
        {
            throw new MetricQueryException("metric", $"'{query.Metric.Name}' cannot be answered for every team at once; ask per team.");
        }

        var (rows, benchmark, _) = await QueryAsync(query, MetricGrouping.ByTeam, cancellationToken).ConfigureAwait(false);
        var byTeam = rows
            .GroupBy(r => r["group_team"].GetString() ?? string.Empty, StringComparer.Ordinal)
            .Where(g => g.Key.Length > 0)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return new MetricResultsByTeam(byTeam.Keys, team => Shape(query with { Team = team }, byTeam.GetValueOrDefault(team) ?? [], benchmark));
    }

    /// <summary>Whether the metric can answer for golden-path and other deployments in one question (its manifest's groupings; its SQL groups by <c>group_golden</c>).</summary>
    public static bool GroupsByGoldenPath(MetricDefinition metric) => metric.GroupsByGoldenPath;

    /// <summary>
    /// The metric for golden-path deployments and for the others in one question: the same SQL grouped
    /// by the column its <c>golden_path</c> filter reads, so that each half is exactly what
    /// <see cref="ComputeAsync"/> gives with <c>golden_path=true</c> or <c>false</c> (ScanNarrowingTests
    /// compare them) at the cost of one question instead of two.
    /// </summary>
    public async Task<GoldenPathSplit> ComputeByGoldenPathAsync(MetricQuery query, CancellationToken cancellationToken = default)
    {
        if (query.GoldenPath is not null)
        {
            throw new MetricQueryException("golden_path", "must be empty when golden-path and other deployments are answered at once.");
        }

        if (!GroupsByGoldenPath(query.Metric))
        {
            throw new MetricQueryException("metric", $"'{query.Metric.Name}' cannot be split by golden path; it has no golden_path filter.");
        }

        var (rows, benchmark, _) = await QueryAsync(query, MetricGrouping.ByGoldenPath, cancellationToken).ConfigureAwait(false);
        List<Dictionary<string, JsonElement>> Half(int golden) => [.. rows.Where(r => r["group_golden"].GetInt32() == golden)];
        return new GoldenPathSplit(
            Shape(query with { GoldenPath = true }, Half(1), benchmark),
            Shape(query with { GoldenPath = false }, Half(0), benchmark));
    }

    private async Task<(List<Dictionary<string, JsonElement>> Rows, Benchmark Benchmark, AnswerPath Path)> QueryAsync(MetricQuery query, MetricGrouping grouping, CancellationToken cancellationToken)
    {
        Validate(query);
        var benchmarkName = query.Benchmark ?? Options.DefaultBenchmark;
        if (!Benchmark.TryGet(benchmarkName, out var benchmark))
        {
            throw new MetricQueryException("benchmark", $"must be one of {string.Join(", ", Benchmark.All.Keys)}.");
        }

        if (!SqlResources.Exists(query.Metric.SqlFile))
        {
            throw new MetricQueryException("metric", $"'{query.Metric.Name}' is not available in this version.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var fragments = MetricFragments.Build(query, Options, now, grouping);
        using var activity = ClickHouseClient.ActivitySource.StartActivity("metric " + query.Metric.Name);
        activity?.SetTag("insights.metric", query.Metric.Name);
        activity?.SetTag("insights.metric.grouping", grouping.ToString());
        var started = Stopwatch.GetTimestamp();
        var shape = keptRows is { Enabled: true } ? KeptRowsShape.For(query, Options, now) : null;
        if (shape is not null && await FromKeptRowsAsync(query, shape, fragments, cancellationToken).ConfigureAwait(false) is { } kept)
        {
            activity?.SetTag("insights.metric.path", "kept_rows");
            _latency?.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("metric", query.Metric.Name));
            return (kept, benchmark, AnswerPath.KeptRows);
        }

        var sql = MetricSql.Summary(query.Metric, fragments);
        await using var session = await MetricSession.OpenAsync(clickHouse, sql.Setup, cancellationToken).ConfigureAwait(false);
        var rows = await session.QueryAsync(sql.Query, cancellationToken).ConfigureAwait(false);
        _latency?.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("metric", query.Metric.Name));
        if (shape is not null)
        {
            keeper?.Keep(shape);
        }

        return (rows, benchmark, AnswerPath.Reference);
    }

    /// <summary>The answer from the shape's kept rows; null when none are kept on the data's current version.</summary>
    private async Task<List<Dictionary<string, JsonElement>>?> FromKeptRowsAsync(MetricQuery query, KeptRowsShape shape, IReadOnlyDictionary<string, string> fragments, CancellationToken cancellationToken)
    {
        if (await keptRows!.FindAsync(shape, cancellationToken).ConfigureAwait(false) is not { } table
            || (!string.IsNullOrEmpty(query.WithApplicableFilters().Service) && !table.Columns.Contains("service")))
        {
            return null;
        }

        try
        {
            return await clickHouse.QueryAsync<Dictionary<string, JsonElement>>(MetricSql.FromKeptRows(query.Metric, fragments, table).Query, cancellationToken).ConfigureAwait(false);
        }
        catch (ClickHouseException ex) when (ex.Code == ClickHouseErrorCodes.UnknownTable)
        {
            // Dropped since it was found (the oldest beyond KeptRowsStore.MaxTables, or by hand): compute it.
            return null;
        }
    }

    public static void Validate(MetricQuery query)
    {
        if (query.To <= query.From)
        {
            throw new MetricQueryException("to", $"must be after from ({query.From:yyyy-MM-dd}).");
        }

        if (query.To.DayNumber - query.From.DayNumber > MaxRangeDays)
        {
            throw new MetricQueryException("to", $"is more than {MaxRangeDays} days after from; ask for a shorter range.");
        }

        if (PeriodCalendar.Periods(query.From, query.To, query.Interval).Take(MaxPeriods + 1).Count() > MaxPeriods)
        {
            throw new MetricQueryException("interval", $"gives more than {MaxPeriods} periods for this range; use a longer interval.");
        }

        // Answers carry their campaign's id: a name or a typo would match nothing and answer an empty survey.
        if (!string.IsNullOrEmpty(query.Campaign) && !Guid.TryParse(query.Campaign, out _))
        {
            throw new MetricQueryException("campaign", $"must be a survey campaign's id (a UUID, as GET /api/v1/surveys lists); got '{query.Campaign}'.");
        }
    }

    private MetricResult Shape(MetricQuery query, List<Dictionary<string, JsonElement>> rows, Benchmark benchmark)
    {
        var metric = query.Metric;
        var summaryRow = rows.FirstOrDefault(r => r["bucket"].GetString() == SummaryBucket);
        var summary = new MetricValues();
        Fill(summary, metric, summaryRow, includeBreakdown: false);
        var band = benchmark.Classify(metric.Name, summary.Number);
        if (benchmark.Rates(metric.Name))
        {
            summary["band"] = band?.ToString().ToLowerInvariant();
            summary["benchmark"] = benchmark.Name;
        }

        summary["low_sample"] = summary.N is null or < 5;

        var breakdown = new Dictionary<string, double?>(StringComparer.Ordinal);
        if (summaryRow is not null)
        {
            foreach (var (key, value) in summaryRow.Where(c => c.Key.StartsWith("breakdown_", StringComparison.Ordinal)))
            {
                breakdown[key["breakdown_".Length..]] = Round(value);
            }
        }

        var byPeriod = rows.Where(r => r["bucket"].GetString() != SummaryBucket)
            .ToDictionary(r => DateOnly.ParseExact(r["bucket"].GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        var series = new List<MetricValues>();
        foreach (var period in PeriodCalendar.Periods(query.From, query.To, query.Interval))
        {
            var point = new MetricValues { ["period_start"] = period };
            Fill(point, metric, byPeriod.GetValueOrDefault(period), includeBreakdown: false);
            series.Add(point);
        }

        return new MetricResult(metric.Name, query.From, query.To, FiltersOf(query), query.Interval.ToString().ToLowerInvariant(), metric.Unit, summary, breakdown, series);
    }

    /// <summary>Copies a row's figures in API order: value, n, the percentiles, then the metric's own.</summary>
    private static void Fill(MetricValues target, MetricDefinition metric, Dictionary<string, JsonElement>? row, bool includeBreakdown)
    {
        var empty = row is null;
        // An empty range or period: value null, n 0 (API.md).
        target["value"] = empty ? null : Round(row!["value"]);
        target["n"] = empty ? 0L : Count(row!["n"]);
        if (metric.Distribution)
        {
            foreach (var p in new[] { "p50", "p75", "p90" })
            {
                target[p] = empty ? null : Round(row![p]);
            }
        }

        foreach (var (key, defaultValue) in metric.Figures)
        {
            var value = empty ? defaultValue : Read(row!.GetValueOrDefault(key));
            // ClickHouse 18.16 has no boolean type: flags arrive as 0/1.
            target[key] = defaultValue is bool && value is long flag ? flag != 0 : value;
        }

        if (!empty)
        {
            foreach (var (key, value) in row!.Where(c => !Standard.Contains(c.Key) && !target.ContainsKey(c.Key)))
            {
                if (includeBreakdown || !key.StartsWith("breakdown_", StringComparison.Ordinal))
                {
                    target[key] = Read(value);
                }
            }
        }
    }

    private static object? Read(JsonElement? maybe)
    {
        if (maybe is not { } element)
        {
            return null;
        }

        return element.ValueKind switch
        {
            JsonValueKind.Number when !element.GetRawText().Contains('.', StringComparison.Ordinal) && element.TryGetInt64(out var l) => l,
            JsonValueKind.Number => Math.Round(element.GetDouble(), 2, MidpointRounding.AwayFromZero),
            JsonValueKind.String when long.TryParse(element.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
            JsonValueKind.String => element.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            _ => element.GetRawText(),
        };
    }

    private static double? Round(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => Math.Round(element.GetDouble(), 2, MidpointRounding.AwayFromZero),
        JsonValueKind.String when double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => Math.Round(d, 2, MidpointRounding.AwayFromZero),
        _ => null,
    };

    private static long? Count(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetInt64(),
        JsonValueKind.String => long.Parse(element.GetString()!, CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>The filters a question applies (those its metric takes), as the answers echo them.</summary>
    public static Dictionary<string, string> FiltersOf(MetricQuery query)
    {
        query = query.WithApplicableFilters();
        var filters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(query.Team))
        {
            filters["team"] = query.Team;
        }

        if (!string.IsNullOrEmpty(query.Service))
        {
            filters["service"] = query.Service;
        }

        if (!string.IsNullOrEmpty(query.Environment))
        {
            filters["environment"] = query.Environment;
        }

        if (query.GoldenPath is { } golden)
        {
            filters["golden_path"] = golden ? "true" : "false";
        }

        if (!string.IsNullOrEmpty(query.Campaign))
        {
            filters["campaign"] = query.Campaign;
        }

        return filters;
    }
}
