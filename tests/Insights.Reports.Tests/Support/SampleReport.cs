using Insights.Domain.Metrics;
using Insights.Reports.Content;
using Insights.Reports.Weeks;
using Insights.Warehouse.Metrics;

namespace Insights.Reports.Tests.Support;

/// <summary>A hand-made report content (no warehouse): for tests of drawing and wording only.</summary>
public static class SampleReport
{
    public static IsoWeek Week { get; } = IsoWeek.TryParse("2026-W13", out var w) ? w : default;

    public static MetricValues Values(double? value, long? n, string? band = null, params (string Key, object? Value)[] extra)
    {
        var values = new MetricValues { ["value"] = value, ["n"] = n };
        foreach (var (key, v) in extra)
        {
            values[key] = v;
        }

        if (band is not null)
        {
            values["band"] = band;
            values["benchmark"] = "dora-2024";
        }

        values["low_sample"] = n is null or < 5;
        return values;
    }

    /// <summary>The sample's data starts, long before its week: every window is covered.</summary>
    public static DataStarts LongAgo { get; } = new(new DateOnly(2025, 1, 6), new Dictionary<string, DateOnly> { ["blue"] = new(2025, 1, 6), ["red"] = new(2025, 1, 6) });

    public static WeeklyReport Create(ReportScope? scope = null, MetricValues? nps = null, string? npsUnavailable = "'nps' is not available in this version.", IReadOnlyList<TeamRow>? teams = null, DataStarts? dataStarts = null)
    {
        scope ??= ReportScope.Organisation;
        var from = Week.Monday;
        var to = Week.End;
        var trend = Enumerable.Range(0, 12).Select(i => (double?)(10 + (i % 4))).ToList();
        var current = new Dictionary<string, MetricValues>
        {
            ["adoption-rate"] = Values(63.16, 19),
            ["deployment-frequency"] = Values(19, 19, "high", ("deployments", 19L), ("deployment_days", 4L)),
            ["lead-time"] = Values(24, 18, "high"),
            ["change-failure-rate"] = Values(26.32, 19, "low", ("failed_deployments", 5L)),
            ["recovery-time"] = Values(3.5, 4, "high"),
            ["provisioning-time"] = Values(24, 5, null, ("pending", 2L)),
            ["onboarding-time"] = Values(null, null, null, ("suppressed", true), ("engineers", 3L)),
        };
        var previous = new Dictionary<string, MetricValues>
        {
            ["adoption-rate"] = Values(60, 20),
            ["deployment-frequency"] = Values(17, 17, "high"),
            ["lead-time"] = Values(20.5, 12, "high"),
            ["change-failure-rate"] = Values(10, 20, "high"),
            ["recovery-time"] = Values(2, 3, "high"),
            ["provisioning-time"] = Values(30, 6),
            ["onboarding-time"] = Values(2.5, 5),
        };
        var kpis = KpiDefinition.All.Select(k =>
        {
            if (k.Metric == MetricCatalog.Nps)
            {
                return nps is null
                    ? new KpiFigure(k, to.AddDays(-84), to, null, null, [], new KpiChange(ChangeVerdict.NotComparable, null), npsUnavailable)
                    : new KpiFigure(k, to.AddDays(-84), to, nps, Values(20, 90, null, ("margin_of_error", 9.0)), trend, KpiChange.Between(k.Metric, nps, Values(20, 90, null, ("margin_of_error", 9.0))), null);
            }

            var now = current[k.Metric.Name];
            var before = previous[k.Metric.Name];
            return new KpiFigure(k, k.Window == KpiWindow.Week ? from : to.AddDays(-84), to, now, before, trend, KpiChange.Between(k.Metric, now, before), null);
        }).ToList();
        var dora = new DoraResult(from, to, new Dictionary<string, string>(), "dora-2024", "DORA 2024 State of DevOps", MetricCatalog.FourKeys.Select(m => new DoraKey(m.Name, m.Title, m.Unit, current[m.Name])).ToList(), new DoraOverall("low", ["change-failure-rate"], []));
        return new WeeklyReport(
            Week,
            scope,
            new DateTime(2026, 3, 30, 7, 0, 0, DateTimeKind.Utc),
            "dora-2024",
            "DORA 2024 State of DevOps",
            kpis,
            dora,
            teams ?? (scope.IsOrganisation ? [new TeamRow("blue", dora, current["adoption-rate"]), new TeamRow("red", dora, Values(40, 10))] : null),
            scope.IsOrganisation ? null : new TeamRow("Organisation", dora, Values(55.5, 40)),
            [
                new Regression("red", MetricCatalog.ChangeFailureRate, 26.32, 10, 19, 40, 16.32, 163.2, NoiseRule.Size(MetricCatalog.ChangeFailureRate, 26.32, 10))
                {
                    Contributors = new RegressionContributors("Failed", [new("red-api-412", null, "incident"), new("red-api-398", null, "rollback"), new("red-web-77", null, "incident")], 2),
                },
                new Regression("red", MetricCatalog.LeadTime, 74.5, 30, 12, 50, 44.5, 148.3, NoiseRule.Size(MetricCatalog.LeadTime, 74.5, 30))
                {
                    Contributors = new RegressionContributors("Slowest", [new("acme/red-api#412", 130.04, null), new("acme/red-api#398", 97.2, null)], 0),
                },
            ],
            new GoldenPathSection(to.AddDays(-84), to, MetricCatalog.FourKeys.Select(m => new GoldenPathComparison(m, Values(5, 12), Values(8, 7))).ToList()),
            new ProvisioningSection(to.AddDays(-84), to, Values(24, 5, null, ("pending", 2L), ("oldest_pending_hours", 230.0)), new Dictionary<string, double?>
            {
                ["self_service_n"] = 2, ["self_service_p50_hours"] = 0.35, ["self_service_p90_hours"] = 0.47, ["ticket_n"] = 3, ["ticket_p50_hours"] = 48, ["ticket_p90_hours"] = 67.2,
            }),
            StagesSection.Of(MetricCatalog.LeadTime, to.AddDays(-84), to, Values(30.5, 42), new Dictionary<string, double?>
            {
                ["coding_hours"] = 6.5, ["pickup_hours"] = 3.25, ["review_hours"] = 1.5, ["deploy_hours"] = 19,
            }),
            null,
            dataStarts ?? LongAgo);
    }

    /// <summary>
    /// The report of a week before the scope's data starts (on 4 May 2026): the metrics answer with no
    /// value and n = 0, trends have no points, nothing regressed, no request became ready.
    /// </summary>
    public static WeeklyReport BeforeData(ReportScope? scope = null)
    {
        scope ??= ReportScope.Organisation;
        var empty = Create(scope);
        var starts = new DataStarts(new DateOnly(2026, 5, 4), new Dictionary<string, DateOnly> { ["blue"] = new(2026, 5, 4), ["red"] = new(2026, 6, 1) });
        var nothing = Values(null, 0);
        return empty with
        {
            Kpis = empty.Kpis.Select(k => k with { Current = nothing, Previous = null, Trend = [.. Enumerable.Repeat<double?>(null, 12)], Change = new KpiChange(ChangeVerdict.NotComparable, null), Unavailable = null }).ToList(),
            Dora = empty.Dora with { Metrics = [.. empty.Dora.Metrics.Select(k => k with { Summary = nothing })], Overall = new DoraOverall(null, [], []) },
            Teams = empty.Teams?.Select(t => t with { Adoption = nothing }).ToList(),
            Regressions = [],
            GoldenPath = empty.GoldenPath! with { Metrics = [.. empty.GoldenPath!.Metrics.Select(m => m with { GoldenPath = nothing, Other = nothing })] },
            Provisioning = empty.Provisioning with { Summary = Values(null, 0, null, ("pending", 0L)), Breakdown = new Dictionary<string, double?>() },
            DataStarts = starts,
        };
    }
}
