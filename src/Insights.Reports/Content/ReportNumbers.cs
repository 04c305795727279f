using System.Globalization;

namespace Insights.Reports.Content;

/// <summary>
/// How the report writes numbers: exactly the API's value (already rounded to 2 decimals), without
/// thousands separators or trailing zeros — 24.5, 63.16, 4 — so that a reader can compare it with
/// the API character for character.
/// </summary>
public static class ReportNumbers
{
    public static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Signed(double value) => (value > 0 ? "+" : value < 0 ? "−" : "±") + Format(Math.Abs(value));

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
