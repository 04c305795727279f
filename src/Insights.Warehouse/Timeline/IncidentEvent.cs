namespace Insights.Warehouse.Timeline;

/// <summary>One incident, as a span on a timeline (open while <see cref="ResolvedAt"/> is null).</summary>
public sealed record IncidentEvent(
    string Id,
    string Service,
    string Team,
    string Title,
    string Severity,
    DateTime StartedAt,
    DateTime? ResolvedAt);
