using Insights.Domain.Metrics;
using Insights.Warehouse.Surveys;
using Microsoft.Extensions.Options;

namespace Insights.Reports.Content;

/// <summary>
/// The report's comments: for every campaign answered in the report's weeks, the groups that
/// <c>GET /api/v1/surveys/{id}/comments</c> shows (comments.sql decides what is large enough to show,
/// here as there) — every group in the organisation's report, the team's own group in a team's report
/// (never "other teams", which a team's readers did not write). The same comment written by several
/// respondents is printed once with its count (<see cref="Digest"/>); at most <see cref="MaxComments"/>
/// distinct comments, taken from each group in turn (the most recently answered campaign first), so that
/// the section stays worth reading and every group is heard.
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

        var groups = read.Groups.Where(g => scope.IsOrganisation || g.Team == scope.Team)
            .Select(g => (Group: g.Team.Length == 0 ? "other teams" : g.Team, g.Comments)).ToList();
        var (shown, omitted) = Digest(groups, MaxComments);
        return new NpsCommentsSection(from, to, read.Threshold, shown, omitted);
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

    /// <summary>
    /// The distinct comments to print, at most <paramref name="max"/>, and how many distinct ones are left
    /// out. Each is counted over every group given (not only where it was picked) and names those groups.
    /// Picked one group at a time in turn — each group's next comment not picked yet — so every group is
    /// heard before any group speaks twice; printed the most often written first (then in picking order).
    /// </summary>
    public static (IReadOnlyList<NpsComment> Shown, int Omitted) Digest(IReadOnlyList<(string Group, IReadOnlyList<string> Comments)> groups, int max)
    {
        var distinct = new Dictionary<string, Distinct>(StringComparer.Ordinal);
        var queues = new List<Queue<string>>();
        foreach (var (group, comments) in groups)
        {
            var queue = new Queue<string>();
            foreach (var comment in comments)
            {
                var key = Key(comment);
                if (key.Length == 0)
                {
                    continue;
                }

                if (!distinct.TryGetValue(key, out var entry))
                {
                    distinct[key] = entry = new Distinct(comment.Trim());
                }

                entry.Count++;
                if (!entry.Groups.Contains(group))
                {
                    entry.Groups.Add(group);
                    queue.Enqueue(key);
                }
            }

            queues.Add(queue);
        }

        var picked = new List<string>();
        var pickedSet = new HashSet<string>(StringComparer.Ordinal);
        while (picked.Count < max && queues.Any(q => q.Count > 0))
        {
            foreach (var queue in queues)
            {
                while (picked.Count < max && queue.TryDequeue(out var key))
                {
                    if (pickedSet.Add(key))
                    {
                        picked.Add(key);
                        break;
                    }
                }
            }
        }

        var shown = picked
            .Select((key, order) => (Entry: distinct[key], Order: order))
            .OrderByDescending(p => p.Entry.Count)
            .ThenBy(p => p.Order)
            .Select(p => new NpsComment(p.Entry.Text, p.Entry.Count, p.Entry.Groups))
            .ToList();
        return (shown, distinct.Count - shown.Count);
    }

    /// <summary>What makes two comments the same: their words, whatever the spacing and case.</summary>
    private static string Key(string comment) =>
        string.Join(' ', comment.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    private sealed class Distinct(string text)
    {
        public string Text { get; } = text;

        public int Count { get; set; }

        public List<string> Groups { get; } = [];
    }

    private sealed record ReadComments(int Threshold, IReadOnlyList<(string Team, IReadOnlyList<string> Comments)> Groups);
}
