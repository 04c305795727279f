namespace Insights.Server.Push;

/// <summary>Limits of one push request (configuration section <c>Ingest</c>).</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    public int MaxItems { get; set; } = 10_000;

    public long MaxBodyBytes { get; set; } = 64L << 20;
}
