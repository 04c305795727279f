namespace Insights.Warehouse.Intake;

/// <summary>The spool is at its size limit: the caller should answer 503 and ask for a retry later.</summary>
public sealed class SpoolFullException(long bytes, long limit)
    : Exception($"The ingest spool holds {bytes} bytes, at its limit of {limit}; retry later.")
{
    public TimeSpan RetryAfter { get; } = TimeSpan.FromSeconds(30);
}
