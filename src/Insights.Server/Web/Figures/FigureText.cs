using System.Globalization;
using Insights.Domain.Metrics;
using Insights.Reports.Content;
using Insights.Warehouse.Metrics;

namespace Insights.Server.Web.Figures;

/// <summary>How the web app writes figures for people: units, signs, and why a figure is missing.</summary>
public static class FigureText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The value with its unit ("4.2 per week", "31.5 h", "12.3 %", "+24"); "—" when there is none.</summary>
    public static string Value(MetricDefinition metric, double? value) => value is not { } v ? "—" : metric.Unit switch
    {
        "per_week" => $"{Number(v)} per week",
        "hours" => Hours(v),
        "percent" => $"{Number(v)} %",
        "days" => $"{Number(v)} days",
        "nps" => v > 0 ? $"+{Number(v)}" : Number(v),
        _ => Number(v),
    };

    /// <summary>A chart's tick label: short, one unit per axis.</summary>
    public static string Axis(MetricDefinition metric, double value, bool series = true) => (series ? metric.PeriodUnit : metric.Unit) switch
    {
        "hours" => $"{Number(value)} h",
        "days" => $"{Number(value)} d",
        "percent" => $"{Number(value)}%",
        "nps" => value > 0 ? $"+{Number(value)}" : Number(value),
        _ => Number(value),
    };

    /// <summary>The value and its unit apart, for a tile's large figure and its smaller unit.</summary>
    public static (string Number, string Unit) ValueParts(MetricDefinition metric, double value) => metric.Unit switch
    {
        "per_week" => (Number(value), "per week"),
        "hours" => value < 48 ? (Number(value), "h") : (Number(Math.Round(value / 24, 1)), "days"),
        "percent" => (Number(value), "%"),
        "days" => (Number(value), "days"),
        _ => (Value(metric, value), ""),
    };

    /// <summary>A series point's value (deployment frequency counts deployments per period there).</summary>
    public static string PeriodValue(MetricDefinition metric, double? value) =>
        metric.SeriesUnit is "deployments" ? value is { } v ? Number(v) : "—" : Value(metric, value);

    public static string Hours(double hours) => hours < 48 ? $"{Number(hours)} h" : $"{Number(Math.Round(hours / 24, 1))} days";

    /// <summary>Up to two decimals, as the API rounds; no trailing zeros.</summary>
    public static string Number(double value) => value.ToString("#,0.##", Invariant);

    public static string Count(long? n) => n is { } count ? count.ToString("#,0", Invariant) : "—";

    /// <summary>Why a summary has no value: hidden to protect a small group, or nothing in the range.</summary>
    public static string Missing(MetricValues values, int minimumGroupSize) =>
        values.Suppressed ? $"hidden: fewer than {minimumGroupSize} people in the group" : "no data in this range";

    /// <summary>The change against the previous range: percentage points for rates, points for NPS, per cent otherwise.</summary>
    public static string Change(Kpi kpi)
    {
        var change = kpi.Change;
        if (change.Delta is not { } delta)
        {
            // The report's notes speak of weeks; a page's range is any length.
            return (kpi.Current.Summary, kpi.Previous.Summary) switch
            {
                ({ Value: null }, _) => "no change: no figure in this range",
                (_, { Suppressed: true }) => "no change shown: the previous period's group is too small to show",
                (_, { Value: null }) => "no change: no data in the previous period",
                _ => $"change not shown: low sample (n < {KpiChange.MinimumSample})",
            };
        }

        if (delta == 0)
        {
            return "unchanged";
        }

        var sign = delta > 0 ? "+" : "−";
        var size = Math.Abs(delta);
        var text = kpi.Spec.Metric.Unit switch
        {
            "percent" => $"{sign}{Number(size)} pp",
            "nps" => $"{sign}{Number(size)} points",
            _ => kpi.Previous.Summary.Value is { } before && before != 0
                ? $"{sign}{Number(Math.Round(100 * size / Math.Abs(before), 0))} %"
                : $"{sign}{Value(kpi.Spec.Metric, size)}",
        };
        // The report's noise rule (NoiseRule): a change inside it is shown, but called neither better nor worse.
        return change.Verdict == ChangeVerdict.WithinNoise
            ? $"{text} ({(change.Margin is not null ? "inside the margin of error" : "within noise")})"
            : text;
    }

    /// <summary>"better", "worse" or "" — said in words, never by colour alone.</summary>
    public static string Verdict(Kpi kpi) => kpi.Change.Verdict switch
    {
        ChangeVerdict.Better => "better",
        ChangeVerdict.Worse => "worse",
        _ => "",
    };

    public static string Band(string? band) => band switch
    {
        null => "not rated",
        _ => char.ToUpperInvariant(band[0]) + band[1..],
    };

    public static string Title(string metric) => MetricCatalog.TryGet(metric, out var definition) ? definition.Title : metric;

    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", Invariant);

    public static string Date(DateTime time) => time.ToString("d MMM yyyy HH:mm 'UTC'", Invariant);

    /// <summary>A raw value for data attributes (tests compare it with the API's JSON).</summary>
    public static string Raw(double? value) => value?.ToString("R", Invariant) ?? "";
}
