using Insights.Domain.Metrics;
using Insights.Warehouse.Surveys;
using Microsoft.Extensions.Options;

namespace Insights.Reports.Content;

/// <summary>
/// The report's comments: for every campaign answered in the report's weeks, the groups that
/// <c>GET /api/v1/surveys/{id}/comments</c> shows (comments.sql decides what is large enough to show,
/// here as there) — every group in the organisation's report, the team's own group in a team's report
/// (never "other teams", which a team's readers did not write). At most <see cref="MaxComments"/>, taken
/// from each group in turn (the most recently answered campaign first), so that the section stays worth
/// reading and every group is heard.
/// </summary>
public sealed class SurveyCommentSource(SurveyQueries queries, IOptionsMonitor<MetricsOptions> options) : INpsCommentSource
{
    public const int MaxComments = 15;

    public async Task<NpsCommentsSection?> GetAsync(ReportScope scope, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var campaigns = await queries.CampaignsAnsweredAsync(from, to, cancellationToken).ConfigureAwait(false);
        if (campaigns.Count == 0)
        {
            return null;
        }

        var groups = new List<(string Label, IReadOnlyList<string> Comments)>();
        long? threshold = null;
        foreach (var campaign in campaigns)
        {
            foreach (var group in await queries.CommentsAsync(campaign, cancellationToken).ConfigureAwait(false))
            {
                threshold = Math.Min(threshold ?? long.MaxValue, group.MinimumGroupSize);
                if (group.Comments.Count > 0 && (scope.IsOrganisation || group.GroupTeam == scope.Team))
                {
                    groups.Add((group.GroupTeam.Length == 0 ? "other teams" : group.GroupTeam, group.Comments));
                }
            }
        }

        var quotas = Quotas(groups.Select(g => g.Comments.Count).ToList(), MaxComments);
        var shown = groups.SelectMany((g, i) => g.Comments.Take(quotas[i]).Select(c => new NpsComment(g.Label, c))).ToList();
        var total = groups.Sum(g => g.Comments.Count);
        return new NpsCommentsSection(from, to, (int)(threshold ?? options.CurrentValue.MinimumGroupSize), shown, total - shown.Count);
    }

    /// <summary>How many comments of each group to show: one from each group in turn, until <paramref name="max"/> or none is left.</summary>
    public static int[] Quotas(IReadOnlyList<int> available, int max)
    {
        var quotas = new int[available.Count];
        var left = Math.Min(max, available.Sum());
        while (left > 0)
        {
            for (var i = 0; i < available.Count && left > 0; i++)
            {
                if (quotas[i] < available[i])
                {
                    quotas[i]++;
                    left--;
                }
            }
        }

        return quotas;
    }
}
