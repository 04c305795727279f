namespace Insights.Reports.Content;

/// <summary>The range a KPI tile's figure covers.</summary>
public enum KpiWindow
{
    /// <summary>The report's ISO week.</summary>
    Week,

    /// <summary>
    /// The 12 weeks ending with the report's week (84 days, the API's default range): for cohort and
    /// survey figures, which one week of joiners or answers cannot carry.
    /// </summary>
    TwelveWeeks,
}
