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
            Add(Contributors(regression.Contributors, regression.Metric.Unit));
        }

        foreach (var stage in report.Stages?.Stages ?? [])
        {
            Add(stage.About);
        }

        foreach (var comment in report.Comments?.Comments ?? [])
        {
            Add(comment.Text);
            foreach (var group in comment.Groups)
            {
                Add(group);
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// "1 failure", "3 failures": a count with its noun, given in the plural ("joiners in production"); the
    /// singular drops the first word's final s ("joiner in production"), which holds for the report's nouns.
    /// </summary>
    public static string Count(double count, string plural)
    {
        if (count != 1)
        {
            return $"{ReportNumbers.Format(count)} {plural}";
        }

        var head = plural.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? space : plural.Length;
        var singular = plural[head - 1] == 's' ? plural[..(head - 1)] + plural[head..] : plural;
        return $"1 {singular}";
    }

    /// <summary>"1 week", "2.14 weeks".</summary>
    public static string Weeks(double weeks) => Count(weeks, "weeks");

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

    /// <summary>
    /// A change in plain words, read from the metric's unit: a rate by percentage points ("4.11 pp higher"),
    /// a time by its share ("89 % slower"), anything else by its share ("30 % fewer"); from 0, "up from 0".
    /// </summary>
    public static string Change(MetricDefinition metric, double change, double? relativePercent)
    {
        var up = change > 0;
        if (NoiseRule.IsRate(metric))
        {
            return $"{ReportNumbers.Format(Math.Abs(change))} pp {(up ? "higher" : "lower")}";
        }

        if (relativePercent is not { } share)
        {
            return up ? "up from 0" : "down to 0";
        }

        var isTime = metric.Unit is "hours" or "days";
        return $"{ReportNumbers.Format(share)} % {(isTime ? up ? "slower" : "faster" : up ? "more" : "fewer")}";
    }

    /// <summary>
    /// The rows behind a regression in one line: "Slowest: acme/search#412 (74.1 h), acme/search#398 (52 h)",
    /// "Failed: checkout-api-57 (incident) and 2 more"; null when it names none.
    /// </summary>
    public static string? Contributors(RegressionContributors? contributors, string apiUnit)
    {
        if (contributors is not { Rows.Count: > 0 })
        {
            return null;
        }

        var rows = contributors.Rows.Select(r =>
            r.Detail is { } detail ? $"{r.Id} ({detail})"
            : r.Value is { } value ? $"{r.Id} ({WithUnit(Math.Round(value, 1, MidpointRounding.AwayFromZero), apiUnit)})"
            : r.Id);
        var more = contributors.More > 0 ? $" and {contributors.More} more" : "";
        return $"{contributors.Label}: {string.Join(", ", rows)}{more}";
    }

    /// <summary>"high", with an asterisk when the sample is small; "—" when the key could not be rated.</summary>
    public static string Band(MetricValues summary) =>
        summary.Band is { } band ? band + (summary.LowSample ? "*" : "") : NoData;

    public static string Upper(string? band) => band?.ToUpperInvariant() ?? "NOT RATED";

    /// <summary>The metric's short name for tables (its manifest's <c>report.short_title</c>, else its title).</summary>
    public static string ShortTitle(string metric) =>
        MetricCatalog.TryGet(metric, out var definition) ? definition.Report?.ShortTitle ?? definition.Title : metric;
}
