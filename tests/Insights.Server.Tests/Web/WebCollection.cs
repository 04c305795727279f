namespace Insights.Server.Tests.Web;

/// <summary>The web app's test classes share one demo-loaded server, OpenID provider and browser (loading the demo takes a while).</summary>
[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "Web app on the demo organisation";
}
