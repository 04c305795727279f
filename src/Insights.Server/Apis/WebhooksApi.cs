using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Insights.Ingest.GitHub;
using Insights.Ingest.PagerDuty;
using Insights.Warehouse.Buffers;
using Microsoft.Extensions.Primitives;
using Insights.Server.OpenApi;

namespace Insights.Server.Apis;

/// <summary>
/// Deliveries from GitHub and PagerDuty, authenticated by their HMAC signatures (not API keys). A missing
/// or wrong signature is a 401 and nothing is stored; a redelivery is harmless (ingest is idempotent).
/// </summary>
public static class WebhooksApi
{
    public const string GitHubSecret = "INSIGHTS_GITHUB_WEBHOOK_SECRET";
    public const string PagerDutySecret = "INSIGHTS_PAGERDUTY_WEBHOOK_SECRET";
    private const long MaxBody = 25L << 20; // GitHub's own limit for a delivery

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var hooks = app.MapGroup("/webhooks").AllowAnonymous().WithTags("Webhooks");
        hooks.MapPost("/github", GitHubAsync).WithName("GitHubWebhook")
            .WithSummary("GitHub deliveries (deployment_status, pull_request, workflow_run), signed with X-Hub-Signature-256 (no API key)")
            .Produces<GitHubDeliveryAccepted>(StatusCodes.Status202Accepted).ProducesProblems(400, 401, 413, 503);
        hooks.MapPost("/pagerduty", PagerDutyAsync).WithName("PagerDutyWebhook")
            .WithSummary("PagerDuty v3 incident events, signed with X-PagerDuty-Signature (no API key)")
            .Produces<PagerDutyDeliveryAccepted>(StatusCodes.Status202Accepted).ProducesProblems(400, 401, 413, 503);
        return app;
    }

    private static async Task<IResult> GitHubAsync(HttpRequest request, IConfiguration configuration, GitHubWebhookProcessor processor, CancellationToken ct)
    {
        if (configuration[GitHubSecret] is not { Length: > 0 } secret)
        {
            return NotConfigured(GitHubSecret);
        }

        using var body = await ReadAsync(request, ct);
        if (body is null)
        {
            return Problems.TooLarge($"A delivery may hold at most {MaxBody} bytes.");
        }

        var signature = request.Headers["X-Hub-Signature-256"].ToString();
        if (!signature.StartsWith("sha256=", StringComparison.Ordinal) || !Matches(secret, body.WrittenMemory.Span, signature["sha256=".Length..]))
        {
            return BadSignature("X-Hub-Signature-256");
        }

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        try
        {
            await processor.ProcessWebhookAsync(headers, Encoding.UTF8.GetString(body.WrittenMemory.Span), ct);
        }
        catch (JsonException ex)
        {
            // Signed by the secret holder but not shaped as GitHub documents the event: the sender's bug,
            // and GitHub shows this answer in the hook's delivery log.
            return Problems.BadRequest($"The '{request.Headers["X-GitHub-Event"]}' delivery does not match GitHub's payload for that event: {ex.Message.Split(" Path:", 2)[0]}");
        }

        return TypedResults.Accepted((string?)null, new GitHubDeliveryAccepted(request.Headers["X-GitHub-Delivery"].ToString(), request.Headers["X-GitHub-Event"].ToString()));
    }

    private static async Task<IResult> PagerDutyAsync(HttpRequest request, IConfiguration configuration, PagerDutyWebhookHandler handler, CancellationToken ct)
    {
        if (configuration[PagerDutySecret] is not { Length: > 0 } secret)
        {
            return NotConfigured(PagerDutySecret);
        }

        using var body = await ReadAsync(request, ct);
        if (body is null)
        {
            return Problems.TooLarge($"A delivery may hold at most {MaxBody} bytes.");
        }

        // PagerDuty signs with every active secret during a rotation: any matching v1= signature will do.
        var signatures = request.Headers["X-PagerDuty-Signature"].ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => s.StartsWith("v1=", StringComparison.Ordinal))
            .Select(s => s[3..]);
        var bytes = body.WrittenMemory;
        if (!signatures.Any(s => Matches(secret, bytes.Span, s)))
        {
            return BadSignature("X-PagerDuty-Signature");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.WrittenMemory);
        }
        catch (JsonException ex)
        {
            return Problems.MalformedJson(ex);
        }

        using (document)
        {
            var stored = await handler.HandleAsync(document.RootElement, ct);
            return TypedResults.Accepted((string?)null, new PagerDutyDeliveryAccepted(stored));
        }
    }

    private static bool Matches(string secret, ReadOnlySpan<byte> body, string hex)
    {
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        byte[] given;
        try
        {
            given = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private static async Task<PooledBufferWriter?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBody + 1;
        }

        var buffer = new PooledBufferWriter(request.ContentLength is > 0 and < MaxBody ? (int)request.ContentLength : 16 * 1024);
        try
        {
            await buffer.ReadFromAsync(request.Body, MaxBody, ct);
            return buffer;
        }
        catch (InvalidDataException)
        {
            buffer.Dispose();
            return null;
        }
    }

    private static IResult BadSignature(string header) => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        title: "Bad signature",
        detail: $"The {header} header is missing or does not match the body signed with the configured secret; nothing was stored.");

    private static IResult NotConfigured(string variable) => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "Webhook not configured",
        detail: $"Set {variable} to the webhook's secret to accept these deliveries.");

    /// <summary>A GitHub delivery taken in: its id and event.</summary>
    public sealed record GitHubDeliveryAccepted(string Delivery, string Event);

    /// <summary>A PagerDuty delivery taken in: whether it held an incident event that was stored.</summary>
    public sealed record PagerDutyDeliveryAccepted(bool Stored);
}
