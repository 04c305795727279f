namespace Insights.Ingest.Connectors;

/// <summary>
/// One vendor item a mapper cannot read: names the field (the vendor's path, e.g. <c>fields.created</c>)
/// and why. The item goes to the quarantine; the sync goes on.
/// </summary>
public sealed class SourceItemException(string field, string reason) : Exception($"{field} {reason}")
{
    public string Field { get; } = field;

    public string Reason { get; } = reason;
}
