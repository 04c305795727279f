using Insights.Ingest.Tests.Connectors;

namespace Insights.Ingest.Tests.Backstage;

public sealed class BackstageConnectorTests
{
    private static object Entity(string name, string owner, string etag, string? template = null, string? slug = null) => new
    {
        apiVersion = "backstage.io/v1alpha1",
        kind = "Component",
        metadata = new
        {
            name,
            @namespace = "default",
            uid = Guid.NewGuid().ToString(),
            etag,
            annotations = new Dictionary<string, string?>
            {
                ["github.com/project-slug"] = slug ?? $"acme/{name}",
                ["pagerduty.com/service-id"] = "P" + name.ToUpperInvariant(),
                ["backstage.io/source-template"] = template,
                ["insights/production-environments"] = name == "payments-api" ? "prod-eu, prod-us" : null,
            }.Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value),
        },
        spec = new { type = "service", lifecycle = "production", owner },
    };

    [Fact]
    public async Task Sync_FollowsTheCursor_AndWritesOnlyChangedEntities()
    {
        await using var harness = await ConnectorHarness.StartAsync(url => new Dictionary<string, string?>
        {
            ["Sources:Backstage:0:Name"] = "catalog",
            ["Sources:Backstage:0:BaseUrl"] = url,
            ["Sources:Backstage:0:TokenEnv"] = "TEST_TOKEN",
            ["Sources:Backstage:0:PageSize"] = "2",
        });
        void Serve(string ledgerOwner, string ledgerEtag)
        {
            FakeJson.Serve(harness.Fake, r => r.WithPath("/api/catalog/entities/by-query").UsingGet(), new { items = Array.Empty<object>(), totalItems = 0, pageInfo = new { } }, priority: 50);
            FakeJson.Serve(harness.Fake, r => r.WithPath("/api/catalog/entities/by-query").UsingGet().WithParam("filter", "kind=component,spec.type=service"),
                new { items = new[] { Entity("payments-api", "group:default/payments", "e1", "template:default/golden-path-service"), Entity("ledger", ledgerOwner, ledgerEtag) }, totalItems = 3, pageInfo = new { nextCursor = "c2" } });
            FakeJson.Serve(harness.Fake, r => r.WithPath("/api/catalog/entities/by-query").UsingGet().WithParam("cursor", "c2"),
                new { items = new[] { Entity("search-api", "search", "e3", slug: "https://github.com/acme/search-api") }, totalItems = 3, pageInfo = new { } });
        }

        Serve("group:default/payments", "e2");
        var first = await harness.SyncAsync("catalog");

        Assert.Equal(3, first.Rows);
        var services = (await harness.RowsAsync("services", "name")).ToDictionary(s => s["name"].GetString()!);
        Assert.Equal("payments", services["payments-api"]["team"].GetString());
        Assert.Equal("search", services["search-api"]["team"].GetString());
        Assert.Equal("acme/ledger", services["ledger"]["repository"].GetString());
        // A slug that is a URL is left out; the service is still cataloged.
        Assert.Equal("", services["search-api"]["repository"].GetString());
        Assert.Equal("PLEDGER", services["ledger"]["pagerduty_service_id"].GetString());
        Assert.Equal("template:default/golden-path-service", services["payments-api"]["golden_path_template"].GetString());
        Assert.Equal(["prod-eu", "prod-us"], services["payments-api"]["production_environments"].EnumerateArray().Select(e => e.GetString()));
        var cursorRequest = harness.Requests("/api/catalog/entities/by-query").Single(e => e.RequestMessage.Query!.ContainsKey("cursor")).RequestMessage;
        Assert.False(cursorRequest.Query!.ContainsKey("filter"), "with a cursor, the filter is not repeated");
        Assert.Equal("Bearer s3cr3t-token", cursorRequest.Headers!["Authorization"].ToString());

        // Ledger moves to another team: only ledger is written again.
        harness.Fake.Reset();
        Serve("group:default/finance", "e2b");
        var second = await harness.SyncAsync("catalog");
        Assert.Equal(1, second.Rows);
        Assert.Equal("finance", (await harness.RowsAsync("services", "name")).Single(s => s["name"].GetString() == "ledger")["team"].GetString());

        var third = await harness.SyncAsync("catalog");
        Assert.Equal(0, third.Rows);
        Assert.Equal(3, (int)await harness.PhysicalRowsAsync("services"));
    }
}
