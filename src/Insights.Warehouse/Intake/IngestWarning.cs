namespace Insights.Warehouse.Intake;

/// <summary>
/// An item that was stored but will not count the way it was sent (e.g. a deployment to an environment
/// that is not production for its service): its zero-based position, the field to look at, and why.
/// </summary>
public sealed record IngestWarning(int Index, string Field, string Message);
