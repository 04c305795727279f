namespace Insights.Server.Operations;

/// <summary>The product's own ActivitySources and Meters (docs/operations.md lists every signal).</summary>
public static class TelemetrySources
{
    public static readonly string[] ActivitySources = ["Insights.ClickHouse", "Insights.Ingest", "Insights.Connectors", "Insights.Jobs"];

    public static readonly string[] Meters = ["Insights.Ingest", "Insights.Connectors", "Insights.Metrics", "Insights.Jobs"];
}
