using System.Diagnostics;
using System.Diagnostics.Metrics;
using Hangfire.Common;
using Hangfire.Server;

namespace Insights.Server.Operations;

/// <summary>A span and a duration for every Hangfire job (no OpenTelemetry instrumentation for Hangfire is available to us).</summary>
public sealed class JobTelemetryFilter : JobFilterAttribute, IServerFilter
{
    public static readonly ActivitySource ActivitySource = new("Insights.Jobs");
    private static readonly Meter Meter = new("Insights.Jobs");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("insights.jobs.duration", "s", "Duration of one background job run.");
    private const string Key = "insights-telemetry";

    public void OnPerforming(PerformingContext context)
    {
        var job = context.BackgroundJob.Job;
        var activity = ActivitySource.StartActivity($"job {job.Type.Name}.{job.Method.Name}", ActivityKind.Consumer);
        activity?.SetTag("hangfire.job.id", context.BackgroundJob.Id);
        activity?.SetTag("hangfire.job.type", job.Type.FullName);
        context.Items[Key] = new Run(activity, Stopwatch.GetTimestamp());
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Items.TryGetValue(Key, out var value) && value is Run(var activity, var started))
        {
            var outcome = context.Exception is null ? "success" : "failure";
            if (context.Exception is not null)
            {
                activity?.SetStatus(ActivityStatusCode.Error, context.Exception.Message);
            }

            Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("job", context.BackgroundJob.Job.Type.Name),
                new KeyValuePair<string, object?>("outcome", outcome));
            activity?.Dispose();
        }
    }

    private sealed record Run(Activity? Activity, long Started);
}
