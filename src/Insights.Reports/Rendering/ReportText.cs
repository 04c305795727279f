using System.Globalization;
using Insights.Domain.Metrics;
using Insights.Reports.Content;
using Insights.Warehouse.Metrics;

namespace Insights.Reports.Rendering;

/// <summary>The report's wording of figures, ranges and bands.</summary>
public static class ReportText
{
    public const string NoData = "—";

    /// <summary>
    /// The text a report draws beyond its fixed labels: the catalogue's titles and the report's data (team
    /// names, comments, reasons, bands…). With the fonts' fixed repertoire, what its font subset must hold
    /// (<see cref="Layout.ReportFonts.For"/>).
    /// </summary>
    public static string CharactersOf(WeeklyReport report)
    {
        var text = new System.Text.StringBuilder();
        void Add(string? value) => text.Append(value);
        void AddValues(MetricValues? values)
        {
            foreach (var value in values?.Values ?? [])
            {
                Add(value as string);
            }
        }

        foreach (var metric in MetricCatalog.All)
        {
            Add(metric.Title);
            Add(metric.Unit);
            if (metric.Report is { } shown)
            {
                Add(shown.Label);
                Add(shown.ShortTitle);
                Add(shown.DoraLabel);
                Add(shown.Column);
                Add(shown.ChartTitle);
                Add(shown.NoData);
                Add(shown.Detail);
                Add(shown.StagesSection);
            }
        }

        foreach (var kpi in KpiDefinition.All)
        {
            Add(kpi.Label);
            Add(kpi.CountNoun);
        }

        Add(report.Scope.Title);
        Add(report.Benchmark);
        Add(report.BenchmarkTitle);
        foreach (var kpi in report.Kpis)
        {
            Add(kpi.Unavailable);
            AddValues(kpi.Current);
        }

        foreach (var key in report.Dora.Metrics)
        {
            AddValues(key.Summary);
        }

        foreach (var row in report.Teams ?? [])
        {
            Add(row.Team);
            Add(row.Dora.Overall.Band);
        }

        foreach (var regression in report.Regressions)
        {
            Add(regression.Team);
        }

        foreach (var stage in report.Stages?.Stages ?? [])
        {
            Add(stage.About);
        }

        foreach (var comment in report.Comments?.Comments ?? [])
        {
            Add(comment.Group);
            Add(comment.Text);
        }

        return text.ToString();
    }

    /// <summary>"24.5" or "—".</summary>
    public static string Value(double? value) => value is { } v ? ReportNumbers.Format(v) : NoData;

    /// <summary>"24.5 h", "63.16 %", or "—".</summary>
    public static string WithUnit(double? value, string apiUnit)
    {
        if (value is not { } v)
        {
            return NoData;
        }

        var unit = ReportNumbers.Unit(apiUnit);
        return unit.Length == 0 ? ReportNumbers.Format(v) : $"{ReportNumbers.Format(v)} {unit}";
    }

    /// <summary>"23–29 Mar 2026" (a range [from, to) with an exclusive end).</summary>
    public static string Range(DateOnly from, DateOnly toExclusive)
    {
        var last = toExclusive.AddDays(-1);
        return from.Year != last.Year
            ? $"{Day(from)} {from.Year} – {Day(last)} {last.Year}"
            : from.Month != last.Month ? $"{Day(from)} – {Day(last)} {last.Year}" : $"{from.Day}–{Day(last)} {last.Year}";
    }

    public static string Day(DateOnly date) => date.ToString("d MMM", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Timestamp(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>"high", with an asterisk when the sample is small; "—" when the key could not be rated.</summary>
    public static string Band(MetricValues summary) =>
        summary.Band is { } band ? band + (summary.LowSample ? "*" : "") : NoData;

    public static string Upper(string? band) => band?.ToUpperInvariant() ?? "NOT RATED";

    /// <summary>The metric's short name for tables (its manifest's <c>report.short_title</c>, else its title).</summary>
    public static string ShortTitle(string metric) =>
        MetricCatalog.TryGet(metric, out var definition) ? definition.Report?.ShortTitle ?? definition.Title : metric;
}
