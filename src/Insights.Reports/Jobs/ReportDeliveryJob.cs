using Hangfire;
using Insights.Reports.Delivery;

namespace Insights.Reports.Jobs;

/// <summary>Sends the due report e-mails (enqueued after a report, scheduled after a failure, and every few minutes as a safety net).</summary>
public sealed class ReportDeliveryJob(ReportDeliveryService deliveries)
{
    // Failed sends are retried by the outbox itself; Hangfire retries only when the outbox cannot be read.
    [AutomaticRetry(Attempts = 3)]
    public Task RunAsync(CancellationToken cancellationToken) => deliveries.DeliverDueAsync(cancellationToken);
}
