namespace Insights.Warehouse.Timeline;

/// <summary>One finished deployment, as a point on a timeline.</summary>
public sealed record DeploymentEvent(
    string Id,
    string Service,
    string Team,
    string Environment,
    string Status,
    DateTime FinishedAt,
    string Pipeline,
    bool GoldenPath,
    bool Production);
