using System.Globalization;

namespace Insights.Reports.Content;

/// <summary>
/// How the report writes numbers: exactly the API's value (already rounded to 2 decimals), without
/// thousands separators or trailing zeros — 24.5, 63.16, 4 — so that a reader can compare it with
/// the API; a negative number takes the minus sign (U+2212, "−25"), never a hyphen, as in print.
/// </summary>
public static class ReportNumbers
{
    public const char Minus = '\u2212';

    public static string Format(double value)
    {
        var text = Math.Abs(value).ToString("0.##", CultureInfo.InvariantCulture);
        return value < 0 && text != "0" ? Minus + text : text;
    }

    public static string Signed(double value) => (value > 0 ? "+" : value < 0 ? Minus.ToString() : "±") + Format(Math.Abs(value));

    /// <summary>The unit as printed after a value ("h", "%", "d"…), from the metric's API unit.</summary>
    public static string Unit(string apiUnit) => apiUnit switch
    {
        "hours" => "h",
        "days" => "d",
        "percent" => "%",
        "per_week" => "per week",
        "nps" => "",
        _ => apiUnit,
    };

    /// <summary>The unit of a difference: percentages change by percentage points.</summary>
    public static string DeltaUnit(string apiUnit) => apiUnit == "percent" ? "pp" : Unit(apiUnit);
}
