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

    public async Task<NpsCommentsSection?> GetAsync(ReportScope scope, DateOnly from, DateOnly to, ReportMetrics run, CancellationToken cancellationToken)
    {
        // The same for every report of a run (the organisation's and each team's): read once.
        var read = await run.SharedAsync(("survey comments", from, to), () => ReadAsync(from, to, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (read is null)
        {
            return null;
        }

        var groups = read.Groups.Where(g => scope.IsOrganisation || g.Team == scope.Team).ToList();
        var quotas = Quotas(groups.Select(g => g.Comments.Count).ToList(), MaxComments);
        var shown = groups.SelectMany((g, i) => g.Comments.Take(quotas[i]).Select(c => new NpsComment(g.Team.Length == 0 ? "other teams" : g.Team, c))).ToList();
        return new NpsCommentsSection(from, to, read.Threshold, shown, groups.Sum(g => g.Comments.Count) - shown.Count);
    }

    /// <summary>The shown groups with comments of every campaign answered in [from, to); null when none was.</summary>
    private async Task<ReadComments?> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var campaigns = await queries.CampaignsAnsweredAsync(from, to, cancellationToken).ConfigureAwait(false);
        if (campaigns.Count == 0)
        {
            return null;
        }

        var groups = new List<(string Team, IReadOnlyList<string> Comments)>();
        long? threshold = null;
        foreach (var campaign in campaigns)
        {
            foreach (var group in await queries.CommentsAsync(campaign, cancellationToken).ConfigureAwait(false))
            {
                threshold = Math.Min(threshold ?? long.MaxValue, group.MinimumGroupSize);
                if (group.Comments.Count > 0)
                {
                    groups.Add((group.GroupTeam, group.Comments));
                }
            }
        }

        return new ReadComments((int)(threshold ?? options.CurrentValue.MinimumGroupSize), groups);
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

    private sealed record ReadComments(int Threshold, IReadOnlyList<(string Team, IReadOnlyList<string> Comments)> Groups);
}
