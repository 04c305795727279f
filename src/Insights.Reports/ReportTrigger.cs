namespace Insights.Reports;

/// <summary>What made a report: the weekly job or an admin's request.</summary>
public static class ReportTrigger
{
    public const string Schedule = "schedule";
    public const string Api = "api";
}
