namespace Insights.Ingest.Quarantine;

/// <summary>An item a run put in the quarantine (or found still invalid).</summary>
internal sealed record HeldItem(string Kind, string Key, string Field, string Reason, string Raw, bool RawTruncated);
