namespace Insights.Domain.Events;

/// <summary>How each kind is named on the API (<c>/api/v1/{route}</c>) and in the warehouse.</summary>
public static class EventKinds
{
    public static IReadOnlyList<EventKind> All { get; } = Enum.GetValues<EventKind>();

    public static string Route(this EventKind kind) => kind switch
    {
        EventKind.Deployments => "deployments",
        EventKind.Incidents => "incidents",
        EventKind.PullRequests => "pull-requests",
        EventKind.Engineers => "engineers",
        EventKind.ProvisioningRequests => "provisioning-requests",
        EventKind.Services => "services",
        EventKind.Teams => "teams",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Table(this EventKind kind) => kind switch
    {
        EventKind.Deployments => "deployments",
        EventKind.Incidents => "incidents",
        EventKind.PullRequests => "pull_requests",
        EventKind.Engineers => "engineers",
        EventKind.ProvisioningRequests => "provisioning_requests",
        EventKind.Services => "services",
        EventKind.Teams => "teams",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParseRoute(string route, out EventKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Route(), route, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
