using System.Text.Json;
using Dapper;
using Insights.Domain.Json;
using Insights.Domain.Surveys;
using Npgsql;

namespace Insights.Server.Surveys;

/// <summary>Survey campaigns in PostgreSQL (product state; the answers are in ClickHouse).</summary>
public sealed class CampaignStore(NpgsqlDataSource db)
{
    private const string Columns =
        "id, name, question, comment_prompt AS CommentPrompt, audience::text AS Audience, audience_size AS AudienceSize, starts_at AS StartsAt, ends_at AS EndsAt, " +
        "sampling_ratio AS SamplingRatio, reask_days AS ReaskDays, anonymity_threshold AS AnonymityThreshold, created_at AS CreatedAt, closed_at AS ClosedAt";

    /// <returns>False when a campaign of that name exists already.</returns>
    public async Task<bool> CreateAsync(SurveyCampaign campaign, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO survey_campaigns (id, name, question, comment_prompt, audience, audience_size, starts_at, ends_at, sampling_ratio, reask_days, anonymity_threshold, created_at)
            VALUES (@Id, @Name, @Question, @CommentPrompt, @Audience::jsonb, @AudienceSize, @StartsAt, @EndsAt, @SamplingRatio, @ReaskDays, @AnonymityThreshold, @CreatedAt)
            ON CONFLICT (name) DO NOTHING
            """,
            Parameters(campaign), cancellationToken: cancellationToken));
        return inserted > 0;
    }

    /// <summary>Creates or replaces a campaign by id (the demo's, which moves with the demo's dates).</summary>
    public async Task UpsertAsync(SurveyCampaign campaign, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO survey_campaigns (id, name, question, comment_prompt, audience, audience_size, starts_at, ends_at, sampling_ratio, reask_days, anonymity_threshold, created_at)
            VALUES (@Id, @Name, @Question, @CommentPrompt, @Audience::jsonb, @AudienceSize, @StartsAt, @EndsAt, @SamplingRatio, @ReaskDays, @AnonymityThreshold, @CreatedAt)
            ON CONFLICT (id) DO UPDATE SET name = @Name, question = @Question, comment_prompt = @CommentPrompt, audience = @Audience::jsonb,
                audience_size = @AudienceSize, starts_at = @StartsAt, ends_at = @EndsAt, sampling_ratio = @SamplingRatio, reask_days = @ReaskDays,
                anonymity_threshold = @AnonymityThreshold, closed_at = NULL
            """,
            Parameters(campaign), cancellationToken: cancellationToken));
    }

    public async Task<SurveyCampaign?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CampaignRow>(new CommandDefinition(
            $"SELECT {Columns} FROM survey_campaigns WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToCampaign();
    }

    /// <summary>By id or by name (as a survey tool's export names it).</summary>
    public async Task<SurveyCampaign?> FindAsync(string idOrName, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(idOrName, out var id))
        {
            return await GetAsync(id, cancellationToken);
        }

        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CampaignRow>(new CommandDefinition(
            $"SELECT {Columns} FROM survey_campaigns WHERE lower(name) = lower(@idOrName)", new { idOrName }, cancellationToken: cancellationToken));
        return row?.ToCampaign();
    }

    public async Task<IReadOnlyList<SurveyCampaign>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<CampaignRow>(new CommandDefinition(
            $"SELECT {Columns} FROM survey_campaigns ORDER BY created_at, name", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToCampaign()).ToList();
    }

    /// <returns>False when there is no such campaign or it was closed already.</returns>
    public async Task<bool> CloseAsync(Guid id, DateTime now, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE survey_campaigns SET closed_at = @now WHERE id = @id AND closed_at IS NULL", new { id, now }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Whether a file with exactly this content (SHA-256) was imported before.</summary>
    public async Task<bool> WasImportedAsync(string sha256, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM survey_imports WHERE sha256 = @sha256", new { sha256 }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task RecordImportAsync(string sha256, string fileName, int answers, int rejected, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO survey_imports (sha256, file_name, answers, rejected) VALUES (@sha256, @fileName, @answers, @rejected) ON CONFLICT (sha256) DO NOTHING",
            new { sha256, fileName, answers, rejected }, cancellationToken: cancellationToken));
    }

    private static object Parameters(SurveyCampaign c) => new
    {
        c.Id,
        c.Name,
        c.Question,
        c.CommentPrompt,
        Audience = JsonSerializer.Serialize(c.Audience, ApiJson.Options),
        c.AudienceSize,
        c.StartsAt,
        c.EndsAt,
        c.SamplingRatio,
        c.ReaskDays,
        c.AnonymityThreshold,
        c.CreatedAt,
    };

    private sealed class CampaignRow
    {
        public Guid Id { get; init; }

        public string Name { get; init; } = "";

        public string Question { get; init; } = "";

        public string CommentPrompt { get; init; } = "";

        public string Audience { get; init; } = "[]";

        public int? AudienceSize { get; init; }

        public DateTime StartsAt { get; init; }

        public DateTime? EndsAt { get; init; }

        public double SamplingRatio { get; init; }

        public int ReaskDays { get; init; }

        public int AnonymityThreshold { get; init; }

        public DateTime CreatedAt { get; init; }

        public DateTime? ClosedAt { get; init; }

        public SurveyCampaign ToCampaign() => new(
            Id, Name, Question, CommentPrompt,
            JsonSerializer.Deserialize<List<AudienceTeam>>(Audience, ApiJson.Options) ?? [],
            AudienceSize, StartsAt, EndsAt, SamplingRatio, ReaskDays, AnonymityThreshold, CreatedAt, ClosedAt);
    }
}
