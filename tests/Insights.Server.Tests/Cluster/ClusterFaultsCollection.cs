namespace Insights.Server.Tests.Cluster;

/// <summary>Tests that kill a node or ZooKeeper of the shared test cluster: alone, after every other test class of the run.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterFaultsCollection
{
    public const string Name = "Cluster faults";
}
