namespace Insights.Warehouse.Intake;

/// <summary>
/// The warnings of one batch: every one counted, the first <see cref="Limit"/> written out. A batch of
/// 10,000 staging deployments would otherwise build 10,000 sentences that nobody reads.
/// </summary>
public sealed class IngestWarnings(int limit = IngestWarnings.DefaultLimit)
{
    public const int DefaultLimit = 100;

    public int Limit { get; } = limit;

    public List<IngestWarning> Listed { get; } = [];

    public int Count { get; private set; }

    /// <summary>Counts one more warning; true when it is to be listed (so its sentence is worth building).</summary>
    public bool Counts()
    {
        Count++;
        return Listed.Count < Limit;
    }

    public void Add(int index, string field, string message) => Listed.Add(new IngestWarning(index, field, message));
}
