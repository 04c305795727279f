using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Insights.Server.Surveys;

/// <summary>
/// The survey secret and the two keys derived from it: one signs respondent links, the other turns a
/// developer's e-mail or id into the keyed hash that is all the warehouse ever stores. The secret comes
/// from the environment variable named in configuration; without one, a random secret is generated
/// once and kept in PostgreSQL, so every instance (and every restart) agrees on it.
/// </summary>
public sealed class SurveyKeys(IOptions<SurveyOptions> options, NpgsqlDataSource db, ILogger<SurveyKeys> logger)
{
    public const int MinimumSecretLength = 32;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private Derived? _keys;

    /// <summary>The key that signs links.</summary>
    public async ValueTask<byte[]> TokenKeyAsync(CancellationToken cancellationToken) => (await LoadAsync(cancellationToken)).Token;

    /// <summary>The keyed hash of a respondent (e-mail or id, case-insensitive): 64 hex characters.</summary>
    public async ValueTask<string> RespondentHashAsync(string respondent, CancellationToken cancellationToken)
    {
        var keys = await LoadAsync(cancellationToken);
        return RespondentHash(keys.Respondent, respondent);
    }

    /// <summary>A hasher for many respondents at once (links, imports).</summary>
    public async ValueTask<Func<string, string>> RespondentHasherAsync(CancellationToken cancellationToken)
    {
        var key = (await LoadAsync(cancellationToken)).Respondent;
        return respondent => RespondentHash(key, respondent);
    }

    internal static string RespondentHash(byte[] key, string respondent) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(respondent.Trim().ToLowerInvariant())));

    private async ValueTask<Derived> LoadAsync(CancellationToken cancellationToken)
    {
        if (_keys is { } keys)
        {
            return keys;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_keys is null)
            {
                var secret = FromEnvironment() ?? await FromPostgresAsync(cancellationToken);
                _keys = new Derived(
                    HMACSHA256.HashData(secret, "insights/survey/token/v1"u8),
                    HMACSHA256.HashData(secret, "insights/survey/respondent/v1"u8));
            }

            return _keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    private byte[]? FromEnvironment()
    {
        var name = options.Value.SecretEnvironmentVariable;
        var value = string.IsNullOrWhiteSpace(name) ? null : Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Length < MinimumSecretLength)
        {
            throw new InvalidOperationException($"The survey secret in {name} is shorter than {MinimumSecretLength} characters; use a long random value (e.g. openssl rand -base64 48).");
        }

        return Encoding.UTF8.GetBytes(value);
    }

    private async Task<byte[]> FromPostgresAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        // Instances starting together race here; the first insert wins and everyone reads it back.
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO survey_secret (id, secret) VALUES (1, @secret) ON CONFLICT (id) DO NOTHING",
            new { secret = RandomNumberGenerator.GetBytes(48) }, cancellationToken: cancellationToken));
        if (inserted > 0)
        {
            logger.LogWarning("No survey secret in {Variable}: generated one and stored it in PostgreSQL (survey_secret). Set the variable to keep respondent hashes unlinkable by someone who can read the database.",
                options.Value.SecretEnvironmentVariable);
        }

        return await connection.ExecuteScalarAsync<byte[]>(new CommandDefinition("SELECT secret FROM survey_secret WHERE id = 1", cancellationToken: cancellationToken))
            ?? throw new InvalidOperationException("The survey secret could not be read back from PostgreSQL.");
    }

    private sealed record Derived(byte[] Token, byte[] Respondent);
}
