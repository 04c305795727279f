using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Insights.Server.Surveys;

/// <summary>
/// Respondent links: <c>base64url(payload ‖ HMAC-SHA256(key, payload))</c> with payload =
/// version (1 byte) ‖ campaign (16) ‖ respondent hash (32) ‖ expiry, Unix seconds (8, big-endian) ‖ team (UTF-8).
/// Nothing in a link is secret (the respondent is already a keyed hash); the signature makes it unforgeable.
/// </summary>
public static class SurveyTokenCodec
{
    private const byte Version = 1;
    private const int HeaderLength = 1 + 16 + 32 + 8;
    private const int SignatureLength = 32;
    public const int MaxTeamBytes = 256;

    /// <summary>Longer than any link this server issues: refused before decoding.</summary>
    public const int MaxLength = 4 * (HeaderLength + MaxTeamBytes + SignatureLength) / 3 + 4;

    public static string Encode(SurveyToken token, byte[] key)
    {
        var team = Encoding.UTF8.GetBytes(token.Team);
        if (team.Length > MaxTeamBytes)
        {
            throw new ArgumentException($"A team name is at most {MaxTeamBytes} bytes.", nameof(token));
        }

        var bytes = new byte[HeaderLength + team.Length + SignatureLength];
        bytes[0] = Version;
        token.Campaign.TryWriteBytes(bytes.AsSpan(1, 16), bigEndian: true, out _);
        Convert.FromHexString(token.Respondent).CopyTo(bytes.AsSpan(17, 32));
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(49, 8), new DateTimeOffset(DateTime.SpecifyKind(token.ExpiresAt, DateTimeKind.Utc)).ToUnixTimeSeconds());
        team.CopyTo(bytes.AsSpan(HeaderLength));
        var payloadLength = HeaderLength + team.Length;
        HMACSHA256.HashData(key, bytes.AsSpan(0, payloadLength), bytes.AsSpan(payloadLength));
        return Base64Url(bytes);
    }

    public static (SurveyTokenStatus Status, SurveyToken? Token) Decode(string? text, byte[] key, DateTime now)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || !TryFromBase64Url(text, out var bytes) || bytes.Length < HeaderLength + SignatureLength || bytes[0] != Version)
        {
            return (SurveyTokenStatus.Forged, null);
        }

        var payloadLength = bytes.Length - SignatureLength;
        Span<byte> expected = stackalloc byte[SignatureLength];
        HMACSHA256.HashData(key, bytes.AsSpan(0, payloadLength), expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(payloadLength)))
        {
            return (SurveyTokenStatus.Forged, null);
        }

        var token = new SurveyToken(
            new Guid(bytes.AsSpan(1, 16), bigEndian: true),
            Convert.ToHexStringLower(bytes.AsSpan(17, 32)),
            Encoding.UTF8.GetString(bytes.AsSpan(HeaderLength, payloadLength - HeaderLength)),
            DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(49, 8))).UtcDateTime);
        return (now >= token.ExpiresAt ? SurveyTokenStatus.Expired : SurveyTokenStatus.Valid, token);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(string text, out byte[] bytes)
    {
        bytes = [];
        if (!text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }

        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", 0 => string.Empty, _ => "!" };
        var buffer = new byte[padded.Length * 3 / 4];
        if (!Convert.TryFromBase64String(padded, buffer, out var written))
        {
            return false;
        }

        bytes = buffer[..written];
        // TRICKY: base64 decoders ignore the unused low bits of the last character; only the canonical
        // spelling is accepted, so that changing any character of a link makes it invalid.
        return string.Equals(Base64Url(bytes), text, StringComparison.Ordinal);
    }
}
