using Insights.Domain.Metrics;
using Insights.Server.Metrics;
using Insights.Server.Web.Figures;
using Insights.Warehouse.Metrics;

namespace Insights.Server.Web.Pages.Items;

/// <summary>
/// The rows behind a figure, for a signed-in person: a page of <see cref="MetricItemReader"/>'s items for
/// the very question the figure answered (the same scope, range and interval), counted and not counted,
/// each excluded row with its reason — the rows <c>GET /api/v1/metrics/{metric}/items</c> gives, paged by
/// the same signed cursor. Metrics whose rows are private (NPS) answer 403 with the reader's reason.
/// </summary>
public sealed class RowsModel(MetricItemReader reader, MetricEngine engine, ItemCursors cursors) : ItemsPageModel
{
    public const int PageSize = 100;

    public MetricDefinition Metric { get; private set; } = null!;

    public Interval Interval { get; private set; } = Interval.Week;

    /// <summary><c>all</c>, <c>true</c> (counted) or <c>false</c> (not counted).</summary>
    public string Counted { get; private set; } = "all";

    public DateOnly? Period { get; private set; }

    public bool Continued { get; private set; }

    public MetricItemsPage Items { get; private set; } = null!;

    public string? NextUrl { get; private set; }

    /// <summary>The figure these rows are behind, as the engine answers it for the same question.</summary>
    public MetricValues Summary { get; private set; } = null!;

    public IReadOnlyList<MetricItemColumn> OwnFields => Metric.Items.Columns;

    public async Task OnGetAsync(string metric, CancellationToken ct)
    {
        Metric = Load(metric);
        var query = await QueryAsync(Metric);
        Counted = query.Counted switch { true => "true", false => "false", null => "all" };
        Period = query.Period;
        Interval = query.Query.Interval;
        if (Request.Query["cursor"].ToString() is { Length: > 0 } cursor)
        {
            query = query with { After = await cursors.DecodeAsync(cursor, query, ct) };
            Continued = true;
        }

        var page = ReadAsync(() => reader.PageAsync(query, ct));
        var summary = engine.ComputeAsync(query.Query, ct);
        await Task.WhenAll(page, summary);
        Items = page.Result;
        Summary = Period is { } period
            ? summary.Result.Series.FirstOrDefault(p => p.PeriodStart == period) ?? summary.Result.Summary
            : summary.Result.Summary;
        if (Items.Next is { } next)
        {
            NextUrl = Here(("counted", Counted == "all" ? null : Counted), ("period", PeriodText), ("interval", IntervalText), ("golden_path", GoldenPath is { } golden ? (golden ? "true" : "false") : null), ("cursor", await cursors.EncodeAsync(query, next, ct)));
        }
    }

    public string? PeriodText => Period?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public bool? GoldenPath => Request.Query["golden_path"].ToString() is { Length: > 0 } text ? text == "true" : null;

    public string? IntervalText => Interval == Interval.Week ? null : Interval.ToString().ToLowerInvariant();

    /// <summary>This question with another <c>counted</c> (back to its first page).</summary>
    public string FilterUrl(string counted) => ItemLinks.Rows(Metric.Name, Scope, Range, Period, IntervalText, counted, GoldenPath);

    public string FirstPageUrl => ItemLinks.Rows(Metric.Name, Scope, Range, Period, IntervalText, Counted, GoldenPath);

    public string WholeRangeUrl => ItemLinks.Rows(Metric.Name, Scope, Range, null, IntervalText, Counted, GoldenPath);

    public string CsvUrl => ItemLinks.Csv(Metric.Name, Scope, Range, Period, IntervalText, Counted, GoldenPath);

    /// <summary>Where the figure lives: the team's or service's page, else the overview.</summary>
    public string FigureUrl => Scope.Service is { } service ? Link(ServiceUrl(service)) : Scope.Team is { } team ? Link(TeamUrl(team)) : Link("/");
}
