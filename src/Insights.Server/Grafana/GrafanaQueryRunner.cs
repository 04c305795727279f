using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Insights.Domain.Metrics;
using Insights.Warehouse.ClickHouse;
using Insights.Warehouse.Metrics;
using Insights.Warehouse.Timeline;
using Microsoft.Extensions.Options;

namespace Insights.Server.Grafana;

/// <summary>
/// Answers <c>POST /query</c>: each target becomes time series or tables. Every figure comes from
/// <see cref="MetricEngine"/> (directly, or through <see cref="DoraService"/> and
/// <see cref="ImpactService"/>); this class only picks and arranges them. One instance per request:
/// it remembers the metric results it computed, so p50/p75/p90 targets of one panel cost one query.
/// </summary>
public sealed partial class GrafanaQueryRunner
{
    private const int Parallelism = 4;

    private readonly MetricEngine _engine;
    private readonly MetricItemReader _items;
    private readonly MetricScopeCheck _scopeCheck;
    private readonly DoraService _dora;
    private readonly ImpactService _impact;
    private readonly CatalogQueries _catalog;
    private readonly TimelineQueries _timeline;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<MetricQuery, Lazy<Task<MetricResult?>>> _results = new();
    private readonly ConcurrentDictionary<MetricQuery, Lazy<Task<MetricResultsByTeam?>>> _byTeam = new();
    private readonly ConcurrentDictionary<(string? Team, string? Service), Lazy<Task>> _checkedScopes = new();

    public GrafanaQueryRunner(
        MetricEngine engine,
        MetricItemReader items,
        MetricScopeCheck scopeCheck,
        DoraService dora,
        ImpactService impact,
        CatalogQueries catalog,
        ClickHouseClient clickHouse,
        IOptionsMonitor<MetricsOptions> options,
        TimeProvider clock)
    {
        _engine = engine;
        _items = items;
        _scopeCheck = scopeCheck;
        _dora = dora;
        _impact = impact;
        _catalog = catalog;
        _timeline = new TimelineQueries(clickHouse, options, clock);
        _clock = clock;
    }

    public CatalogQueries Catalog => _catalog;

    public TimelineQueries Timeline => _timeline;

    public async Task<IReadOnlyList<object>> QueryAsync(GrafanaQueryRequest request, CancellationToken cancellationToken)
    {
        var range = GrafanaTimeRange.Resolve(request.Range, _clock.GetUtcNow().UtcDateTime);
        var filters = request.Filters is { Count: > 0 }
            ? GrafanaAdHocFilters.Read(request.Filters, "filters")
            : GrafanaAdHocFilters.Read(request.AdhocFilters, "adhocFilters");
        var answers = new List<object>();
        var targets = request.Targets ?? [];
        for (var i = 0; i < targets.Count; i++)
        {
            // Grafana drops hidden queries and queries without a target before sending; so do we.
            if (targets[i] is not { Hide: not true, Target: { } name } target || string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            var context = new TargetContext(target, $"targets[{i}]", range, filters, request.IntervalMs, request.MaxDataPoints);
            try
            {
                answers.AddRange(await RunAsync(context, cancellationToken).ConfigureAwait(false));
            }
            catch (MetricQueryException ex) when (!ex.Parameter.StartsWith("targets[", StringComparison.Ordinal)
                && !ex.Parameter.StartsWith("filters", StringComparison.Ordinal)
                && !ex.Parameter.StartsWith("adhocFilters", StringComparison.Ordinal)
                && !ex.Parameter.StartsWith("range", StringComparison.Ordinal))
            {
                // The metric layer names its own parameters (from, to, interval, benchmark…): say where they came from.
                throw new MetricQueryException(ex.Parameter switch
                {
                    "from" or "to" => "range",
                    var other => $"{context.Path}.payload.{other}",
                }, ex.Reason);
            }
        }

        return answers;
    }

    private async Task<IEnumerable<object>> RunAsync(TargetContext context, CancellationToken cancellationToken)
    {
        var name = context.Target.Target!.Trim();
        if (!GrafanaTargets.TryGet(name, out var definition))
        {
            throw new MetricQueryException($"{context.Path}.target",
                $"'{name}' is not a target; targets: {string.Join(", ", GrafanaTargets.All.Select(t => t.Value))}.");
        }

        var payload = GrafanaPayload.Read(context.Target.Payload, $"{context.Path}.payload");
        var fields = GrafanaTargets.FieldNames(definition);
        payload.AllowOnly(fields, name);
        var scope = GrafanaScope.Resolve(payload, context.Filters, fields);
        // No silent zeros for a typo: a team or service that names nothing known is refused, whatever the target.
        await CheckScopeAsync(scope, payload, cancellationToken).ConfigureAwait(false);
        if (MetricCatalog.TryGet(name, out var metric))
        {
            return await MetricAsync(metric, payload, scope, context, cancellationToken).ConfigureAwait(false);
        }

        if (name == GrafanaItemsTable.Target)
        {
            return [await ItemsAsync(payload, scope, context, cancellationToken).ConfigureAwait(false)];
        }

        object answer = name switch
        {
            GrafanaTargets.Dora => await DoraAsync(scope, context, cancellationToken).ConfigureAwait(false),
            GrafanaTargets.DoraLevel => await DoraLevelAsync(scope, context, cancellationToken).ConfigureAwait(false),
            GrafanaTargets.DoraByTeam => await DoraByTeamAsync(scope, context, cancellationToken).ConfigureAwait(false),
            GrafanaTargets.Impact => await ImpactAsync(payload, scope, context, cancellationToken).ConfigureAwait(false),
            GrafanaTargets.GoldenPathVsOther => await GoldenPathVsOtherAsync(scope, context, cancellationToken).ConfigureAwait(false),
            GrafanaTargets.Teams => await TeamsAsync(scope, context, cancellationToken).ConfigureAwait(false),
            GrafanaTargets.Services => await ServicesAsync(scope, context, cancellationToken).ConfigureAwait(false),
            GrafanaTargets.Deployments => await DeploymentsAsync(payload, scope, context, cancellationToken).ConfigureAwait(false),
            GrafanaTargets.Incidents => await IncidentsAsync(payload, scope, context, cancellationToken).ConfigureAwait(false),
            _ => throw new InvalidOperationException($"Target '{name}' is listed but not implemented."),
        };
        return [answer];
    }

    private async Task<IEnumerable<object>> MetricAsync(MetricDefinition metric, GrafanaPayload payload, GrafanaScope scope, TargetContext context, CancellationToken cancellationToken)
    {
        var format = payload.Choice("format", GrafanaTargets.Formats, "time_series");
        var figure = payload.Text("value") ?? "value";
        if (!FigureName().IsMatch(figure))
        {
            throw new MetricQueryException($"{payload.Path}.value", $"'{figure}' is not a figure name; use one of {string.Join(", ", GrafanaTargets.Figures(metric))}.");
        }

        var interval = GrafanaIntervals.Choose(payload.Choice("interval", GrafanaTargets.Intervals, "auto"), context.Range.FromDate, context.Range.ToDate, context.IntervalMs, context.MaxDataPoints);
        var query = new MetricQuery(metric, context.Range.FromDate, context.Range.ToDate)
        {
            Team = scope.Team,
            Service = scope.Service,
            Environment = scope.Environment,
            GoldenPath = scope.GoldenPath,
            Benchmark = scope.Benchmark,
            Interval = interval,
            Campaign = payload.Text("campaign"),
        };
        var legend = payload.Text("legend") ?? (figure == "value" ? metric.Title : $"{metric.Title} {figure}");
        return format switch
        {
            "summary" => [SummaryTable(metric, await ComputeAsync(query, cancellationToken).ConfigureAwait(false), context)],
            "breakdown" => [BreakdownTable(await ComputeAsync(query, cancellationToken).ConfigureAwait(false), context)],
            "by_team" => [await ByTeamAsync(query, figure, payload, context, cancellationToken).ConfigureAwait(false)],
            "by_service" => [await ByServiceAsync(query, figure, payload, context, cancellationToken).ConfigureAwait(false)],
            _ => [Series(metric, await ComputeAsync(query, cancellationToken).ConfigureAwait(false), figure, legend, payload, context)],
        };
    }

    private static GrafanaTimeSeries Series(MetricDefinition metric, MetricResult? result, string figure, string legend, GrafanaPayload payload, TargetContext context)
    {
        if (result is null)
        {
            return new GrafanaTimeSeries(legend, context.RefId, []);
        }

        CheckFigure(metric, result, figure, payload);
        var points = result.Series
            .Select(p => new object?[] { p.Number(figure), EpochMs(p.PeriodStart!.Value) })
            .ToList();
        return new GrafanaTimeSeries(legend, context.RefId, points);
    }

    /// <summary>An unknown figure is an error once there is data to show; an empty range has nothing to check it against.</summary>
    private static void CheckFigure(MetricDefinition metric, MetricResult result, string figure, GrafanaPayload payload)
    {
        if (result.Summary.N is null or 0 || result.Summary.ContainsKey(figure) || result.Series.Any(p => p.ContainsKey(figure)))
        {
            return;
        }

        var figures = result.Summary.Where(e => e.Value is double or long || e.Key is "value" or "p50" or "p75" or "p90")
            .Select(e => e.Key)
            .Concat(result.Series.SelectMany(p => p.Keys))
            .Where(k => k != "period_start")
            .Distinct(StringComparer.Ordinal);
        throw new MetricQueryException($"{payload.Path}.value", $"'{figure}' is not a figure of {metric.Name}; figures: {string.Join(", ", figures)}.");
    }

    private static GrafanaTable SummaryTable(MetricDefinition metric, MetricResult? result, TargetContext context)
    {
        var columns = new List<GrafanaColumn> { GrafanaColumn.String("metric"), GrafanaColumn.String("title"), GrafanaColumn.String("unit") };
        if (result is null)
        {
            columns.Add(GrafanaColumn.Number("value"));
            columns.Add(GrafanaColumn.Number("n"));
            return new GrafanaTable(context.RefId, columns, []);
        }

        var row = new List<object?> { metric.Name, metric.Title, metric.Unit };
        foreach (var (key, value) in result.Summary)
        {
            columns.Add(ColumnFor(key, value));
            row.Add(value);
        }

        return new GrafanaTable(context.RefId, columns, [row.ToArray()]);
    }

    private static GrafanaTable BreakdownTable(MetricResult? result, TargetContext context)
    {
        if (result is null || result.Breakdown.Count == 0)
        {
            return new GrafanaTable(context.RefId, [], []);
        }

        return new GrafanaTable(
            context.RefId,
            [.. result.Breakdown.Keys.Select(GrafanaColumn.Number)],
            [[.. result.Breakdown.Values.Cast<object?>()]]);
    }

    private async Task<GrafanaTable> ByTeamAsync(MetricQuery query, string figure, GrafanaPayload payload, TargetContext context, CancellationToken cancellationToken)
    {
        // The catalog's teams and every team's answer are asked together.
        var answers = ComputeByTeamAsync(query, cancellationToken);
        var teams = (await _catalog.TeamNamesAsync(cancellationToken).ConfigureAwait(false))
            .Where(t => query.Team is null || t == query.Team)
            .ToList();
        var everyTeam = await answers.ConfigureAwait(false);
        var rows = new List<object?[]>();
        foreach (var team in teams)
        {
            if (everyTeam?.For(team) is { } result)
            {
                CheckFigure(query.Metric, result, figure, payload);
                rows.Add([team, result.Summary.Number(figure), result.Summary.N, result.Summary.Band]);
            }
        }

        return new GrafanaTable(context.RefId, [GrafanaColumn.String("team"), GrafanaColumn.Number(figure), GrafanaColumn.Number("n"), GrafanaColumn.String("band")], rows);
    }

    private async Task<GrafanaTable> ByServiceAsync(MetricQuery query, string figure, GrafanaPayload payload, TargetContext context, CancellationToken cancellationToken)
    {
        var services = (await _catalog.ServicesAsync(cancellationToken).ConfigureAwait(false))
            .Where(s => (query.Team is null || s.Team == query.Team) && (query.Service is null || s.Name == query.Service))
            .ToList();
        var results = await ForEachAsync(services, s => ComputeAsync(query with { Service = s.Name }, cancellationToken), cancellationToken).ConfigureAwait(false);
        var rows = new List<object?[]>();
        for (var i = 0; i < services.Count; i++)
        {
            if (results[i] is { } result)
            {
                CheckFigure(query.Metric, result, figure, payload);
                rows.Add([services[i].Name, services[i].Team, result.Summary.Number(figure), result.Summary.N, result.Summary.Band]);
            }
        }

        return new GrafanaTable(context.RefId,
            [GrafanaColumn.String("service"), GrafanaColumn.String("team"), GrafanaColumn.Number(figure), GrafanaColumn.Number("n"), GrafanaColumn.String("band")],
            rows);
    }

    private async Task<GrafanaTable> DoraAsync(GrafanaScope scope, TargetContext context, CancellationToken cancellationToken)
    {
        var dora = await _dora.ComputeAsync(DoraScope(scope, context), cancellationToken).ConfigureAwait(false);
        return new GrafanaTable(context.RefId,
            [GrafanaColumn.String("metric"), GrafanaColumn.String("title"), GrafanaColumn.Number("value"), GrafanaColumn.String("unit"), GrafanaColumn.String("band"), GrafanaColumn.Number("n"), GrafanaColumn.Boolean("low_sample")],
            [.. dora.Metrics.Select(k => new object?[] { k.Metric, k.Title, k.Summary.Value, k.Unit, k.Summary.Band, k.Summary.N, k.Summary.LowSample })]);
    }

    private async Task<GrafanaTable> DoraLevelAsync(GrafanaScope scope, TargetContext context, CancellationToken cancellationToken)
    {
        var dora = await _dora.ComputeAsync(DoraScope(scope, context), cancellationToken).ConfigureAwait(false);
        return new GrafanaTable(context.RefId,
            [GrafanaColumn.String("band"), GrafanaColumn.String("limited_by"), GrafanaColumn.String("not_rated"), GrafanaColumn.String("benchmark")],
            [[dora.Overall.Band, string.Join(", ", dora.Overall.LimitedBy), string.Join(", ", dora.Overall.NotRated), dora.BenchmarkTitle]]);
    }

    private async Task<GrafanaTable> DoraByTeamAsync(GrafanaScope scope, TargetContext context, CancellationToken cancellationToken)
    {
        var baseScope = DoraScope(scope, context);
        var answers = Task.WhenAll(MetricCatalog.FourKeys.Select(key => ComputeByTeamAsync(baseScope with { Metric = key }, cancellationToken)));
        var teams = (await _catalog.TeamNamesAsync(cancellationToken).ConfigureAwait(false))
            .Where(t => scope.Team is null || t == scope.Team)
            .ToList();
        var keys = await answers.ConfigureAwait(false);
        var results = teams.Select(team => _dora.Combine(baseScope with { Team = team }, [.. keys.Select(k => k!.For(team))])).ToList();
        var columns = new List<GrafanaColumn> { GrafanaColumn.String("team") };
        columns.AddRange(MetricCatalog.FourKeys.Select(k => GrafanaColumn.Number(k.Name)));
        columns.Add(GrafanaColumn.String("band"));
        var rows = teams.Select((team, i) =>
        {
            var row = new List<object?> { team };
            row.AddRange(results[i].Metrics.Select(k => (object?)k.Summary.Value));
            row.Add(results[i].Overall.Band);
            return row.ToArray();
        }).ToList();
        return new GrafanaTable(context.RefId, columns, rows);
    }

    private async Task<GrafanaTable> ImpactAsync(GrafanaPayload payload, GrafanaScope scope, TargetContext context, CancellationToken cancellationToken)
    {
        var weeks = payload.Whole("weeks", 1, 52, 12);
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        var teams = scope.Team is { } one
            ? [one]
            : (await _catalog.TeamsAsync(cancellationToken).ConfigureAwait(false)).Where(t => t.AdoptedOn is not null).Select(t => t.Team).ToList();
        var results = await _impact.TeamsAsync(teams, weeks, scope.Benchmark, today, cancellationToken).ConfigureAwait(false);
        var rows = new List<object?[]>();
        foreach (var impact in results)
        {
            if (impact is not { AdoptedOn: { } adopted, Before: { } before, After: { } after })
            {
                continue;
            }

            foreach (var key in MetricCatalog.FourKeys)
            {
                var was = before.Metrics[key.Name];
                var now = after.Metrics[key.Name];
                rows.Add([impact.Team, Date(adopted), key.Name, key.Title, key.Unit, was.Value, now.Value, was.Band, now.Band, was.N, now.N,
                    impact.DataFrom is { } first ? Date(first) : null, before.CoveredWeeks, after.CoveredWeeks, before.LowCoverage, after.LowCoverage]);
            }
        }

        return new GrafanaTable(context.RefId,
            [
                GrafanaColumn.String("team"), GrafanaColumn.String("adopted_on"), GrafanaColumn.String("metric"), GrafanaColumn.String("title"), GrafanaColumn.String("unit"),
                GrafanaColumn.Number("before"), GrafanaColumn.Number("after"), GrafanaColumn.String("before_band"), GrafanaColumn.String("after_band"),
                GrafanaColumn.Number("before_n"), GrafanaColumn.Number("after_n"),
                GrafanaColumn.String("data_from"), GrafanaColumn.Number("before_covered_weeks"), GrafanaColumn.Number("after_covered_weeks"),
                GrafanaColumn.Boolean("before_low_coverage"), GrafanaColumn.Boolean("after_low_coverage"),
            ],
            rows);
    }

    private async Task<GrafanaTable> GoldenPathVsOtherAsync(GrafanaScope scope, TargetContext context, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        var impact = await _impact.ComputeAsync(null, 12, context.Range.FromDate, context.Range.ToDate, scope.Benchmark, today, cancellationToken).ConfigureAwait(false);
        var comparison = impact.GoldenPathVsOther;
        var rows = comparison.GoldenPath.Keys.Select(name =>
        {
            MetricCatalog.TryGet(name, out var metric);
            var golden = comparison.GoldenPath[name];
            var other = comparison.Other[name];
            return new object?[] { name, metric.Title, metric.Unit, golden.Value, other.Value, golden.N, other.N };
        }).ToList();
        return new GrafanaTable(context.RefId,
            [
                GrafanaColumn.String("metric"), GrafanaColumn.String("title"), GrafanaColumn.String("unit"),
                GrafanaColumn.Number("golden_path"), GrafanaColumn.Number("other"), GrafanaColumn.Number("golden_path_n"), GrafanaColumn.Number("other_n"),
            ],
            rows);
    }

    private async Task<GrafanaTable> TeamsAsync(GrafanaScope scope, TargetContext context, CancellationToken cancellationToken)
    {
        var teams = (await _catalog.TeamsAsync(cancellationToken).ConfigureAwait(false)).Where(t => scope.Team is null || t.Team == scope.Team);
        return new GrafanaTable(context.RefId,
            [GrafanaColumn.String("team"), GrafanaColumn.String("services"), GrafanaColumn.Number("engineers"), GrafanaColumn.String("adopted_on"), GrafanaColumn.String("adoption_source")],
            [.. teams.Select(t => new object?[] { t.Team, string.Join(", ", t.Services), t.Engineers, t.AdoptedOn is { } d ? Date(d) : null, t.AdoptionSource })]);
    }

    private async Task<GrafanaTable> ServicesAsync(GrafanaScope scope, TargetContext context, CancellationToken cancellationToken)
    {
        var services = (await _catalog.ServicesAsync(cancellationToken).ConfigureAwait(false)).Where(s => scope.Team is null || s.Team == scope.Team);
        return new GrafanaTable(context.RefId,
            [GrafanaColumn.String("service"), GrafanaColumn.String("team"), GrafanaColumn.String("golden_path_template"), GrafanaColumn.String("lifecycle"), GrafanaColumn.String("repository"), GrafanaColumn.String("source")],
            [.. services.Select(s => new object?[] { s.Name, s.Team, s.GoldenPathTemplate, s.Lifecycle, s.Repository, s.Source })]);
    }

    /// <summary>Deployments as annotations: Grafana reads the time, title, text and tags fields.</summary>
    private async Task<GrafanaTable> DeploymentsAsync(GrafanaPayload payload, GrafanaScope scope, TargetContext context, CancellationToken cancellationToken)
    {
        var events = await _timeline.DeploymentsAsync(new TimelineQuery(context.Range.From, context.Range.To)
        {
            Team = scope.Team,
            Service = scope.Service,
            Environment = scope.Environment,
            GoldenPath = scope.GoldenPath,
            ProductionOnly = payload.Flag("production_only") ?? true,
            Limit = payload.Whole("limit", 1, TimelineQuery.MaxLimit, 1_000),
        }, cancellationToken).ConfigureAwait(false);
        return new GrafanaTable(context.RefId,
            [
                GrafanaColumn.Time("time"), GrafanaColumn.String("title"), GrafanaColumn.String("text"), GrafanaColumn.String("tags"),
                GrafanaColumn.String("id"), GrafanaColumn.String("service"), GrafanaColumn.String("team"), GrafanaColumn.String("environment"), GrafanaColumn.String("status"),
            ],
            [.. events.Select(d => new object?[]
            {
                EpochMs(d.FinishedAt),
                $"Deployment of {d.Service} to {d.Environment}",
                $"{d.Status}{(d.Pipeline.Length > 0 ? $" via {d.Pipeline}" : string.Empty)}{(d.GoldenPath ? " (golden path)" : string.Empty)}{(d.Team.Length > 0 ? $", team {d.Team}" : string.Empty)}",
                string.Join(',', new[] { "deployment", d.Environment, d.Status, d.GoldenPath ? "golden-path" : string.Empty }.Where(t => t.Length > 0)),
                d.Id, d.Service, d.Team, d.Environment, d.Status,
            })]);
    }

    /// <summary>Incidents as annotations: a region from start to resolution (a point while open).</summary>
    private async Task<GrafanaTable> IncidentsAsync(GrafanaPayload payload, GrafanaScope scope, TargetContext context, CancellationToken cancellationToken)
    {
        var events = await _timeline.IncidentsAsync(new TimelineQuery(context.Range.From, context.Range.To)
        {
            Team = scope.Team,
            Service = scope.Service,
            Limit = payload.Whole("limit", 1, TimelineQuery.MaxLimit, 1_000),
        }, cancellationToken).ConfigureAwait(false);
        return new GrafanaTable(context.RefId,
            [
                GrafanaColumn.Time("time"), GrafanaColumn.Time("timeEnd"), GrafanaColumn.String("title"), GrafanaColumn.String("text"), GrafanaColumn.String("tags"),
                GrafanaColumn.String("id"), GrafanaColumn.String("service"), GrafanaColumn.String("team"), GrafanaColumn.String("severity"),
            ],
            [.. events.Select(e => new object?[]
            {
                EpochMs(e.StartedAt),
                e.ResolvedAt is { } resolved ? EpochMs(resolved) : null,
                e.Title.Length > 0 ? e.Title : $"Incident on {e.Service}",
                $"{e.Service}{(e.Severity.Length > 0 ? $", severity {e.Severity}" : string.Empty)}, {(e.ResolvedAt is null ? "open" : "resolved")}{(e.Team.Length > 0 ? $", team {e.Team}" : string.Empty)}",
                string.Join(',', new[] { "incident", e.Severity, e.ResolvedAt is null ? "open" : string.Empty }.Where(t => t.Length > 0)),
                e.Id, e.Service, e.Team, e.Severity,
            })]);
    }

    /// <summary>
    /// A team or service a panel names (from its payload, a variable or an ad hoc filter) must be one the
    /// warehouse knows. Asked once per request for each distinct scope, and only when one is named.
    /// </summary>
    private Task CheckScopeAsync(GrafanaScope scope, GrafanaPayload payload, CancellationToken cancellationToken)
    {
        if (scope.Team is null && scope.Service is null)
        {
            return Task.CompletedTask;
        }

        var field = (string name) => payload.Names.Contains(name) ? $"{payload.Path}.{name}" : name;
        return _checkedScopes.GetOrAdd((scope.Team, scope.Service), s => new Lazy<Task>(() =>
            _scopeCheck.ThrowIfUnknownAsync(s.Team, s.Service, cancellationToken, field("team"), field("service")))).Value;
    }

    private async Task<GrafanaTable> ItemsAsync(GrafanaPayload payload, GrafanaScope scope, TargetContext context, CancellationToken cancellationToken)
    {
        var name = payload.Text("metric");
        var metric = name is not null && MetricCatalog.TryGet(name, out var found) ? found : null;
        if (metric is null || !metric.Items.Available)
        {
            throw new MetricQueryException($"{payload.Path}.metric",
                $"must name a metric with items: {string.Join(", ", GrafanaItemsTable.Metrics.Select(m => m.Name))}{(metric?.Items.Forbidden is { } why ? $" ({why})" : "")}.");
        }

        var query = new MetricQuery(metric, context.Range.FromDate, context.Range.ToDate)
        {
            Team = scope.Team,
            Service = scope.Service,
            Environment = scope.Environment,
            GoldenPath = scope.GoldenPath,
        };
        return await GrafanaItemsTable.QueryAsync(_items, query, payload, context.RefId, cancellationToken).ConfigureAwait(false);
    }

    private static MetricQuery DoraScope(GrafanaScope scope, TargetContext context) =>
        new(MetricCatalog.FourKeys[0], context.Range.FromDate, context.Range.ToDate)
        {
            Team = scope.Team,
            Service = scope.Service,
            Environment = scope.Environment,
            GoldenPath = scope.GoldenPath,
            Benchmark = scope.Benchmark,
        };

    /// <summary>A metric's result, computed once per request; null for a metric this version cannot compute yet (drawn empty).</summary>
    private Task<MetricResult?> ComputeAsync(MetricQuery query, CancellationToken cancellationToken) =>
        _results.GetOrAdd(query, q => new Lazy<Task<MetricResult?>>(async () =>
        {
            try
            {
                return await _engine.ComputeAsync(q, cancellationToken).ConfigureAwait(false);
            }
            catch (MetricQueryException ex) when (ex.Parameter == "metric")
            {
                return null;
            }
        })).Value;

    /// <summary>
    /// Every team's answer in one question (<see cref="MetricEngine.ComputeByTeamAsync"/>, equal to each
    /// team's filtered answer): a per-team table costs one question, not one per team. Null for a metric
    /// this version cannot compute.
    /// </summary>
    private Task<MetricResultsByTeam?> ComputeByTeamAsync(MetricQuery query, CancellationToken cancellationToken) =>
        _byTeam.GetOrAdd(query with { Team = null }, q => new Lazy<Task<MetricResultsByTeam?>>(async () =>
        {
            try
            {
                return await _engine.ComputeByTeamAsync(q, cancellationToken).ConfigureAwait(false);
            }
            catch (MetricQueryException ex) when (ex.Parameter == "metric")
            {
                return null;
            }
        })).Value;

    private static async Task<IReadOnlyList<T>> ForEachAsync<TItem, T>(IReadOnlyList<TItem> items, Func<TItem, Task<T>> compute, CancellationToken cancellationToken)
    {
        var results = new T[items.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, _) => results[i] = await compute(items[i]).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }

    private static GrafanaColumn ColumnFor(string key, object? value) => value switch
    {
        bool => GrafanaColumn.Boolean(key),
        string => GrafanaColumn.String(key),
        double or long or int => GrafanaColumn.Number(key),
        _ => key is "band" or "benchmark" ? GrafanaColumn.String(key)
            : key is "low_sample" or "suppressed" ? GrafanaColumn.Boolean(key)
            : GrafanaColumn.Number(key),
    };

    private static long EpochMs(DateOnly date) => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static long EpochMs(DateTime time) => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9_]{1,64}$")]
    private static partial Regex FigureName();

    private sealed record TargetContext(GrafanaTarget Target, string Path, GrafanaTimeRange Range, GrafanaAdHocFilters Filters, double? IntervalMs, double? MaxDataPoints)
    {
        public string? RefId => Target.RefId;
    }
}
