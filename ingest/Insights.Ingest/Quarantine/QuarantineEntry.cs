namespace Insights.Ingest.Quarantine;

/// <summary>One vendor item a connector could not read or validate.</summary>
/// <param name="Kind">What it would have become (<c>incidents</c>, <c>pull-requests</c>…).</param>
/// <param name="Key">The vendor's key or id: <c>INC-42</c>, <c>PT4KHLK</c>, <c>acme/api/pulls/12</c>, <c>component:default/ledger</c>.</param>
/// <param name="Field">The field at fault, by the vendor's path where known (<c>fields.created</c>).</param>
/// <param name="Raw">The item with secrets redacted, at most <see cref="RawItem.MaxBytes"/>.</param>
public sealed record QuarantineEntry(
    string Connector,
    string Kind,
    string Key,
    string Field,
    string Reason,
    string Raw,
    bool RawTruncated,
    DateTime FirstSeenAt,
    DateTime LastSeenAt,
    int Attempts);
