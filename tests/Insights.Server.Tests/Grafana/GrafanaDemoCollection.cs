namespace Insights.Server.Tests.Grafana;

/// <summary>The Grafana test classes share one demo-loaded server (loading the demo takes a while).</summary>
[CollectionDefinition(Name)]
public sealed class GrafanaDemoCollection : ICollectionFixture<GrafanaDemoFixture>
{
    public const string Name = "Grafana on the demo organisation";
}
