namespace Insights.Warehouse.ClickHouse.Cluster;

/// <summary>The configured cluster cannot hold the warehouse; the message says what is wrong and which setting to change.</summary>
public sealed class ClusterProblemException(string message) : Exception(message);
