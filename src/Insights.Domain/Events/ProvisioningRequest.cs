namespace Insights.Domain.Events;

public sealed record ProvisioningRequest(string Id, string ResourceType, DateTime RequestedAt, string Channel)
{
    public const string SelfService = "self_service";
    public const string Ticket = "ticket";

    public string? Source { get; init; }

    public string? Team { get; init; }

    public string? Service { get; init; }

    public DateTime? ReadyAt { get; init; }

    public string? Status { get; init; }
}
