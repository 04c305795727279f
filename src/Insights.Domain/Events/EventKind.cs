namespace Insights.Domain.Events;

/// <summary>The kinds of event the warehouse stores, one ClickHouse table each.</summary>
public enum EventKind
{
    Deployments,
    Incidents,
    PullRequests,
    Engineers,
    ProvisioningRequests,
    Services,
    Teams,
}
