using Insights.TestSupport;

namespace Insights.Server.Tests.Metrics;

/// <summary>A server whose configuration leaves changes labelled <c>dependencies</c> out of lead time (metrics.exclude_labels).</summary>
public sealed class LabelExcludingServerFixture : ServerFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Metrics:ExcludeLabels:0"] = "dependencies" };
}
