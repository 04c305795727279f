using Insights.Domain.Metrics;
using Insights.Warehouse.ClickHouse;
using Insights.Warehouse.Sql;
using Microsoft.Extensions.Options;

namespace Insights.Warehouse.Surveys;

/// <summary>What the survey features read from the warehouse besides the NPS metric: comments and the re-ask lock.</summary>
public sealed class SurveyQueries(ClickHouseClient clickHouse, IOptionsMonitor<MetricsOptions> options)
{
    /// <summary>Asking about more respondents at once would make one query too long; callers split their lists.</summary>
    public const int MaxRespondentsPerQuery = 5_000;

    /// <summary>A campaign's comments, only from groups of at least the anonymity threshold (see comments.sql).</summary>
    public async Task<IReadOnlyList<CommentGroup>> CommentsAsync(Guid campaign, CancellationToken cancellationToken = default)
    {
        var sql = SqlTemplate.Render("clickhouse/surveys/comments.sql", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["campaign"] = SqlLiteral.String(campaign.ToString("D")),
            ["min_group_size"] = SqlLiteral.Render(options.CurrentValue.MinimumGroupSize),
        });
        return await clickHouse.QueryAsync<CommentGroup>(sql, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The campaigns answered in [from, to), the most recently answered first (campaigns_answered.sql).</summary>
    public async Task<IReadOnlyList<Guid>> CampaignsAnsweredAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var sql = SqlTemplate.Render("clickhouse/surveys/campaigns_answered.sql", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["from"] = SqlLiteral.Render(from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)),
            ["to"] = SqlLiteral.Render(to.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)),
        });
        var rows = await clickHouse.QueryAsync<CampaignRow>(sql, cancellationToken).ConfigureAwait(false);
        return rows.Select(r => Guid.TryParse(r.Campaign, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
    }

    /// <summary>How many developers answered each campaign (answer_counts.sql); a campaign nobody answered is absent.</summary>
    public async Task<IReadOnlyDictionary<Guid, long>> AnswerCountsAsync(IReadOnlyCollection<Guid> campaigns, CancellationToken cancellationToken = default)
    {
        if (campaigns.Count == 0)
        {
            return new Dictionary<Guid, long>();
        }

        var sql = SqlTemplate.Render("clickhouse/surveys/answer_counts.sql", new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["campaigns"] = SqlLiteral.Array(campaigns.Select(c => c.ToString("D"))),
        });
        var rows = await clickHouse.QueryAsync<AnswerCountRow>(sql, cancellationToken).ConfigureAwait(false);
        return rows.Where(r => Guid.TryParse(r.Campaign, out _)).ToDictionary(r => Guid.Parse(r.Campaign), r => r.Answers);
    }

    /// <summary>When each respondent (keyed hash) last answered any campaign; absent when never.</summary>
    public async Task<IReadOnlyDictionary<string, DateTime>> LastAnswersAsync(IReadOnlyCollection<string> respondents, CancellationToken cancellationToken = default)
    {
        var last = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        foreach (var chunk in respondents.Distinct(StringComparer.Ordinal).Chunk(MaxRespondentsPerQuery))
        {
            var sql = SqlTemplate.Render("clickhouse/surveys/last_answers.sql", new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["respondents"] = SqlLiteral.Array(chunk),
            });
            foreach (var row in await clickHouse.QueryAsync<LastAnswerRow>(sql, cancellationToken).ConfigureAwait(false))
            {
                last[row.Respondent] = DateTime.UnixEpoch.AddSeconds(row.LastAnswered);
            }
        }

        return last;
    }

    private sealed record LastAnswerRow(string Respondent, long LastAnswered);

    private sealed record CampaignRow(string Campaign);

    private sealed record AnswerCountRow(string Campaign, long Answers);
}

/// <summary>The comments of one group: a team, or "" for every other answer together.</summary>
public sealed record CommentGroup(string GroupTeam, long Respondents, IReadOnlyList<string> Comments, long MinimumGroupSize);
