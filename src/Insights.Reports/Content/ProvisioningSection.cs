using Insights.Warehouse.Metrics;

namespace Insights.Reports.Content;

/// <summary>
/// Provisioning time by channel (self-service platform against tickets) over the 12 weeks ending with
/// the report week: the <c>breakdown</c> of the provisioning-time answer for that range.
/// </summary>
public sealed record ProvisioningSection(DateOnly From, DateOnly To, MetricValues Summary, IReadOnlyDictionary<string, double?> Breakdown)
{
    public double? SelfServiceN => Breakdown.GetValueOrDefault("self_service_n");

    public double? SelfServiceP50 => Breakdown.GetValueOrDefault("self_service_p50_hours");

    public double? SelfServiceP90 => Breakdown.GetValueOrDefault("self_service_p90_hours");

    public double? TicketN => Breakdown.GetValueOrDefault("ticket_n");

    public double? TicketP50 => Breakdown.GetValueOrDefault("ticket_p50_hours");

    public double? TicketP90 => Breakdown.GetValueOrDefault("ticket_p90_hours");
}
