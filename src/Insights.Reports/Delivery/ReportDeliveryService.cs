using Hangfire;
using Insights.Reports.Content;
using Insights.Reports.Jobs;
using Insights.Reports.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Insights.Reports.Delivery;

/// <summary>
/// E-mails reports through the outbox (<c>report_deliveries</c>): a delivery is queued with the report,
/// attempted at once by a background job, and after a failure attempted again later (the delay doubles)
/// until <c>max_attempts</c>; then it is marked failed and stays listed with its last error. Sending is
/// at least once: a sender that dies mid-send leaves a claim that expires and is taken again.
/// </summary>
public sealed class ReportDeliveryService(
    ReportStore store,
    ReportMailer mailer,
    IOptionsMonitor<ReportsOptions> options,
    IBackgroundJobClient jobs,
    TimeProvider clock,
    ILogger<ReportDeliveryService> logger)
{
    /// <summary>How long one attempt may hold a delivery before another sender may take it.</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(10);

    private const int Batch = 20;

    /// <summary>Queues the report for its scope's recipients, if e-mail is configured and anyone is to receive it.</summary>
    /// <returns>The delivery's id, or null when nothing was queued.</returns>
    public async Task<Guid?> QueueAsync(StoredReport report, ReportScope scope, CancellationToken cancellationToken)
    {
        var smtp = options.CurrentValue.Smtp;
        var recipients = smtp.RecipientsFor(scope);
        if (!smtp.Enabled || recipients.Count == 0)
        {
            return null;
        }

        var id = await store.AddDeliveryAsync(report.Id, recipients, clock.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
        jobs.Enqueue<ReportDeliveryJob>(job => job.RunAsync(CancellationToken.None));
        return id;
    }

    /// <summary>Attempts every due delivery once; returns how many were sent.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        while (true)
        {
            var claims = await store.ClaimDueAsync(clock.GetUtcNow().UtcDateTime, ClaimFor, Batch, cancellationToken).ConfigureAwait(false);
            foreach (var claim in claims)
            {
                sent += await AttemptAsync(claim, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }

            if (claims.Count < Batch)
            {
                return sent;
            }
        }
    }

    private async Task<bool> AttemptAsync(DeliveryClaim claim, CancellationToken cancellationToken)
    {
        var smtp = options.CurrentValue.Smtp;
        try
        {
            var loaded = await store.GetPdfAsync(claim.ReportId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Report {claim.ReportId} no longer exists.");
            await mailer.SendAsync(loaded.Report, loaded.Pdf, claim.Recipients, cancellationToken).ConfigureAwait(false);
            await store.MarkSentAsync(claim.Id, clock.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Sent report {Report} to {Recipients}", claim.ReportId, string.Join(", ", claim.Recipients));
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever went wrong (refused, unreachable, misconfigured), the attempt is recorded and
            // retried: a report is never dropped silently.
            var attempts = claim.Attempts + 1;
            var now = clock.GetUtcNow().UtcDateTime;
            DateTime? retryAt = attempts >= smtp.MaxAttempts ? null : now + smtp.RetryDelay(attempts);
            await store.MarkAttemptFailedAsync(claim.Id, $"{ex.GetType().Name}: {ex.Message}", retryAt, CancellationToken.None).ConfigureAwait(false);
            if (retryAt is { } at)
            {
                // TRICKY: Hangfire keeps schedules in whole seconds and may start a job up to a second
                // early, when the delivery is not due yet; a second of margin keeps the retry on time.
                jobs.Schedule<ReportDeliveryJob>(job => job.RunAsync(CancellationToken.None), at - now + TimeSpan.FromSeconds(1));
                logger.LogWarning(ex, "Sending report {Report} failed (attempt {Attempt} of {Max}); retrying at {RetryAt:O}", claim.ReportId, attempts, smtp.MaxAttempts, at);
            }
            else
            {
                logger.LogError(ex, "Sending report {Report} failed {Attempts} times; delivery {Delivery} is marked failed", claim.ReportId, attempts, claim.Id);
            }

            return false;
        }
    }
}
