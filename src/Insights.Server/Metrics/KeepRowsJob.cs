using System.ComponentModel;
using System.Globalization;
using Hangfire;
using Insights.Domain.Metrics;
using Insights.Warehouse.Metrics;
using Insights.Warehouse.Metrics.KeptRows;
using Microsoft.Extensions.Options;

namespace Insights.Server.Metrics;

/// <summary>
/// A background job of the jobs dashboard (<c>/hangfire</c>): computes one question's organisation-wide
/// rows with the reference SQL and keeps them for the data's current version (docs/adr/0007-kept-rows.md),
/// logging when it starts, what it kept and how long it took. Enqueued by <see cref="KeptRowsJobKeeper"/>
/// when a question was answered without kept rows, including the first question after the data or a
/// setting changed. The shape is rendered again when the job runs, with the settings of that moment.
/// </summary>
public sealed class KeepRowsJob(KeptRowsStore store, IOptionsMonitor<MetricsOptions> options, TimeProvider clock)
{
    [AutomaticRetry(Attempts = 0)]
    [DisplayName("Keep the rows of {0} {1}..{2} (environment '{3}')")]
    public async Task RunAsync(string metric, string from, string to, string environment, CancellationToken cancellationToken)
    {
        if (!MetricCatalog.TryGet(metric, out var definition))
        {
            return;
        }

        var question = new MetricQuery(definition, Day(from), Day(to)) { Environment = environment.Length > 0 ? environment : null };
        if (KeptRowsShape.For(question, options.CurrentValue, clock.GetUtcNow().UtcDateTime) is { } shape)
        {
            await store.KeepAsync(shape, cancellationToken);
        }
    }

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
