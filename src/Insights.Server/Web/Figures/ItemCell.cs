using System.Globalization;
using Insights.Domain.Metrics;

namespace Insights.Server.Web.Figures;

/// <summary>How the rows page writes an item's fields: times and dates in ISO 8601 (UTC), numbers as the API rounds them.</summary>
public static class ItemCell
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Time(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", Invariant);

    /// <summary>A row's value in the metric's unit: hours and days for durations, a plain number for a count or a share's 1 and 0.</summary>
    public static string Value(MetricDefinition metric, double? value) => value is not { } v ? "—" : metric.Items.Reproduces switch
    {
        "percentiles" => FigureText.Value(metric, v),
        _ => FigureText.Number(v),
    };

    /// <summary>One of the metric's own fields; null when it holds nothing worth a line.</summary>
    public static string? Field(object? value) => value switch
    {
        null => null,
        string { Length: 0 } => null,
        string text => text,
        DateTime time => Time(time) + " UTC",
        DateOnly date => date.ToString("yyyy-MM-dd", Invariant),
        double number => FigureText.Number(number),
        long number => number.ToString("#,0", Invariant),
        bool flag => flag ? "yes" : "no",
        string[] { Length: 0 } => null,
        string[] list => string.Join(", ", list),
        _ => Convert.ToString(value, Invariant),
    };

    /// <summary>How the counted rows give the figure (the manifest's <c>reproduces</c>), in a sentence.</summary>
    public static string HowCounted(MetricDefinition metric) => metric.Items.Reproduces switch
    {
        "percentiles" => "The figure is the median of the counted rows' values (p75 and p90 likewise); n is how many rows count.",
        "share" => "The counted rows are the denominator; those with value 1 are the numerator, and the figure is their share.",
        "count_per_week" => "Each counted row is one deployment (value 1); the figure is their number per week of the range.",
        _ => "The counted rows are those the figure is computed from.",
    };
}
