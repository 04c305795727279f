using Insights.Domain.Metrics;
using Microsoft.Extensions.Options;

namespace Insights.Server.Tests.Metrics;

/// <summary>Metric options a test sets for a MetricEngine it builds itself.</summary>
public sealed class FixedMetricsOptions(MetricsOptions value) : IOptionsMonitor<MetricsOptions>
{
    public MetricsOptions CurrentValue => value;

    public MetricsOptions Get(string? name) => value;

    public IDisposable? OnChange(Action<MetricsOptions, string?> listener) => null;
}
