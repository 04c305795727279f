using Insights.Warehouse.Metrics;

namespace Insights.Server.Web.Figures;

/// <summary>
/// A team's before/after impact (as <c>GET /api/v1/impact?team=</c> answers it) and how much data its
/// "before" window holds: the weeks with a deployment in it, and the team's first deployment seen.
/// </summary>
/// <param name="FirstData">The Monday of the team's first week with a deployment, looking back a year before its "before" window; null: none.</param>
/// <param name="WeeksWithData">Weeks of the "before" window with at least one deployment.</param>
public sealed record ImpactRow(TeamImpact Impact, DateOnly? FirstData, int WeeksWithData)
{
    /// <summary>Fewer weeks than this in "before" make the comparison unreliable.</summary>
    public const int MinimumWeeks = 4;

    /// <summary>What makes this comparison unreliable, in words; empty when nothing does.</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            if (Impact.Before is not { } before)
            {
                return [];
            }

            var warnings = new List<string>();
            if (FirstData is null || FirstData > before.From)
            {
                warnings.Add(FirstData is { } first && first < before.To
                    ? $"“Before” starts on {before.From:d MMM yyyy}, but the team's first deployment is in the week of {first:d MMM yyyy}: its first weeks hold no data."
                    : $"“Before” starts on {before.From:d MMM yyyy}, before the team's first data: it holds no deployment.");
            }

            if (WeeksWithData < MinimumWeeks)
            {
                warnings.Add($"“Before” holds {WeeksWithData} week{(WeeksWithData == 1 ? "" : "s")} with deployments, fewer than {MinimumWeeks}: the comparison says little.");
            }

            return warnings;
        }
    }
}
