using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Insights.Server.Auth;
using Insights.Warehouse.Metrics;

namespace Insights.Server.Metrics;

/// <summary>
/// The opaque <c>cursor</c> of <c>GET /api/v1/metrics/{metric}/items</c>: the last row of a page and a
/// fingerprint of the question it answered, signed (HMAC-SHA256) with a key every instance shares through
/// PostgreSQL (<see cref="ServerSecrets"/>). A cursor that was altered, or that belongs to another
/// question (another metric, range, filter, interval, period or counted), is refused naming
/// <c>cursor</c>; any instance accepts what another issued.
/// </summary>
public sealed class ItemCursors(ServerSecrets secrets)
{
    public const string SecretName = "items_cursor";

    private const int MacBytes = 16;

    public async Task<string> EncodeAsync(MetricItemsQuery query, MetricItemKey after, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Payload(
            1,
            Fingerprint(query),
            new DateTimeOffset(DateTime.SpecifyKind(after.At, DateTimeKind.Utc)).ToUnixTimeSeconds(),
            after.Kind,
            after.Source,
            after.Id));
        var mac = HMACSHA256.HashData(await secrets.GetAsync(SecretName, cancellationToken), payload).AsSpan(0, MacBytes);
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(mac);
    }

    /// <summary>The row a page continues after; a <see cref="MetricQueryException"/> for <c>cursor</c> when it is not this question's.</summary>
    public async Task<MetricItemKey> DecodeAsync(string cursor, MetricItemsQuery query, CancellationToken cancellationToken)
    {
        var parts = cursor.Split('.');
        byte[] payload, mac;
        try
        {
            if (parts.Length != 2)
            {
                throw new FormatException();
            }

            payload = Base64Url.DecodeFromChars(parts[0]);
            mac = Base64Url.DecodeFromChars(parts[1]);
        }
        catch (FormatException)
        {
            throw Invalid();
        }

        var expected = HMACSHA256.HashData(await secrets.GetAsync(SecretName, cancellationToken), payload).AsSpan(0, MacBytes);
        if (mac.Length != MacBytes || !CryptographicOperations.FixedTimeEquals(mac, expected))
        {
            throw Invalid();
        }

        var read = JsonSerializer.Deserialize<Payload>(payload)!;
        if (read.Question != Fingerprint(query))
        {
            throw new MetricQueryException("cursor", "belongs to another question: ask the next page with the same metric, range, filters, interval, period and counted as the page that gave it.");
        }

        return new MetricItemKey(DateTimeOffset.FromUnixTimeSeconds(read.At).UtcDateTime, read.Kind, read.Source, read.Id);
    }

    private static MetricQueryException Invalid() =>
        new("cursor", "is not a cursor this server issued: pass next_cursor from the previous page unchanged.");

    /// <summary>What makes two pages parts of one list: the question, not the page size.</summary>
    private static string Fingerprint(MetricItemsQuery query)
    {
        var q = query.Query.WithApplicableFilters();
        var text = string.Join('\n',
            q.Metric.Name,
            q.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            q.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            q.Team,
            q.Service,
            q.Environment?.ToLowerInvariant(),
            q.GoldenPath?.ToString(),
            q.Interval.ToString(),
            q.Campaign,
            query.Counted?.ToString(),
            query.Period?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 12));
    }

    private sealed record Payload(int V, string Question, long At, string Kind, string Source, string Id);
}
