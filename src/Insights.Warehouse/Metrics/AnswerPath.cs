namespace Insights.Warehouse.Metrics;

/// <summary>How an answer was computed: from the raw events (the reference) or from rows kept from them (docs/adr/0007-kept-rows.md).</summary>
public enum AnswerPath
{
    Reference,
    KeptRows,
}
