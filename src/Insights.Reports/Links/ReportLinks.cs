using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Insights.Reports.Links;

/// <summary>
/// Short-lived download links for reports, openable in a browser without an API key: the report's id and an
/// expiry, signed with HMAC-SHA256 under <see cref="ReportLinkKey"/>. A link is refused after its expiry, when
/// altered, and once the key has been rotated.
/// </summary>
public sealed class ReportLinks(ReportLinkKey key, IOptionsMonitor<ReportsOptions> options, TimeProvider clock)
{
    /// <summary>How long a link listed by <c>GET /api/v1/reports</c> works: it is meant to be opened right away.</summary>
    public static readonly TimeSpan ListedLifetime = TimeSpan.FromHours(1);

    public static string DownloadPath(Guid report) => $"/api/v1/reports/{report:D}/download";

    /// <summary>Links for a list (<see cref="ListedLifetime"/>), relative to the server, signed under one read of the key.</summary>
    public async Task<IReadOnlyList<ReportLink>> ForListAsync(IEnumerable<Guid> reports, CancellationToken cancellationToken)
    {
        var secret = await key.CurrentAsync(cancellationToken).ConfigureAwait(false);
        return [.. reports.Select(report => Sign(secret, report, ListedLifetime))];
    }

    /// <summary>
    /// A link for an e-mail (<c>reports.link_lifetime_hours</c>), absolute when <c>reports.public_url</c> is set
    /// (a mail has no server to be relative to).
    /// </summary>
    public async Task<ReportLink> ForMailAsync(Guid report, CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        var link = await SignAsync(report, TimeSpan.FromHours(current.LinkLifetimeHours), cancellationToken).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(current.PublicUrl) ? link : link with { Url = current.PublicUrl.TrimEnd('/') + link.Url };
    }

    public async Task<ReportLink> SignAsync(Guid report, TimeSpan lifetime, CancellationToken cancellationToken) =>
        Sign(await key.CurrentAsync(cancellationToken).ConfigureAwait(false), report, lifetime);

    private ReportLink Sign(byte[] secret, Guid report, TimeSpan lifetime)
    {
        var expires = clock.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        var signature = Signature(secret, report, expires);
        return new ReportLink(
            $"{DownloadPath(report)}?expires={expires.ToString(CultureInfo.InvariantCulture)}&signature={signature}",
            DateTimeOffset.FromUnixTimeSeconds(expires).UtcDateTime);
    }

    /// <summary>Whether a link's <paramref name="expires"/> and <paramref name="signature"/> open <paramref name="report"/> now.</summary>
    public async Task<ReportLinkCheck> CheckAsync(Guid report, string? expires, string? signature, CancellationToken cancellationToken)
    {
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt) || string.IsNullOrEmpty(signature))
        {
            return ReportLinkCheck.Invalid;
        }

        var expected = Encoding.ASCII.GetBytes(Signature(await key.CurrentAsync(cancellationToken).ConfigureAwait(false), report, expiresAt));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)))
        {
            return ReportLinkCheck.Invalid;
        }

        return clock.GetUtcNow().ToUnixTimeSeconds() >= expiresAt ? ReportLinkCheck.Expired : ReportLinkCheck.Valid;
    }

    private static string Signature(byte[] secret, Guid report, long expires) =>
        Convert.ToBase64String(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"report-download/v1:{report:D}:{expires.ToString(CultureInfo.InvariantCulture)}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A signed download link and when it stops working.</summary>
public sealed record ReportLink(string Url, DateTime ExpiresAt);

public enum ReportLinkCheck
{
    Valid,
    Invalid,
    Expired,
}
