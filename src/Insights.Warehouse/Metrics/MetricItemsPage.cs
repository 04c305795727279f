namespace Insights.Warehouse.Metrics;

/// <summary>One page of a metric's items.</summary>
/// <param name="Next">The last item's key when more follow (the next page starts after it); null on the last page.</param>
/// <param name="Suppressed">The group is under <c>metrics.minimum_group_size</c> (a metric with private
/// groups, like onboarding): no item is shown, like its summary.</param>
public sealed record MetricItemsPage(IReadOnlyList<MetricItem> Items, MetricItemKey? Next, bool Suppressed);
