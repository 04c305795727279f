using System.Net.Http.Json;
using System.Text.Json;
using Insights.Ingest.Tests.Connectors;

namespace Insights.Ingest.Tests.Backstage;

/// <summary>
/// Who owns what in a Backstage catalog: groups (with namespaces, display names and parents), users resolved
/// to their group through memberOf (else unowned, with a warning), systems and their domains as filters.
/// </summary>
public sealed class BackstageOwnershipTests
{
    private const string ByQuery = "/api/catalog/entities/by-query";

    /// <summary>An entity as the catalog API returns it.</summary>
    private static Dictionary<string, object?> Entity(string kind, string name, object spec, string ns = "default", object[]? relations = null, string etag = "e1") => new()
    {
        ["apiVersion"] = "backstage.io/v1alpha1",
        ["kind"] = kind,
        ["metadata"] = new Dictionary<string, object?>
        {
            ["namespace"] = ns,
            ["name"] = name,
            ["uid"] = $"{kind}-{ns}-{name}",
            ["etag"] = etag,
            ["annotations"] = new Dictionary<string, string> { ["backstage.io/managed-by-location"] = "url:https://github.com/acme/catalog/blob/main/all.yaml" },
        },
        ["spec"] = spec,
        ["relations"] = relations ?? [],
    };

    private static object Relation(string type, string target) => new { type, targetRef = target };

    private static object Group(string name, string type, string? displayName, string? parent, string ns = "default") =>
        Entity("Group", name, new { type, profile = displayName is null ? null : new { displayName, email = $"{name}@acme.example" }, parent, children = Array.Empty<string>() }, ns);

    private static object Component(string name, string? owner, string? system = null, string ns = "default", string etag = "e1") =>
        Entity("Component", name, new Dictionary<string, object?> { ["type"] = "service", ["lifecycle"] = "production", ["owner"] = owner, ["system"] = system }.Where(p => p.Value is not null).ToDictionary(), ns, etag: etag);

    private static void ServePage(ConnectorHarness harness, string filter, object[] items, int priority = 10) =>
        FakeJson.Serve(harness.Fake, r => r.WithPath(ByQuery).UsingGet().WithParam("filter", filter), new { items, totalItems = items.Length, pageInfo = new { } }, priority: priority);

    private static void ServeUser(ConnectorHarness harness, string name, params string[] groups) =>
        FakeJson.Serve(harness.Fake, r => r.WithPath($"/api/catalog/entities/by-name/user/default/{name}").UsingGet(),
            Entity("User", name, new { profile = new { displayName = name, email = $"{name}@acme.example" }, memberOf = groups }, relations: groups.Select(g => Relation("memberOf", $"group:default/{g}")).ToArray()));

    private static void ServeSystems(ConnectorHarness harness, string domain, int priority = 10) =>
        ServePage(harness, "kind=system", [Entity("System", "artist-engagement-portal", new { owner = "team-a", domain })], priority);

    [Fact]
    public async Task Owners_AreTeams_ByGroupOrThroughAUsersGroups_WithSystemsAndDomains()
    {
        await using var harness = await ConnectorHarness.StartAsync(url => new Dictionary<string, string?>
        {
            ["Sources:Backstage:0:Name"] = "catalog",
            ["Sources:Backstage:0:BaseUrl"] = url,
        });
        ServePage(harness, "kind=group", [
            Group("backstage", "organization", "Backstage Community", null),
            Group("guests", "team", "Guests", "backstage"),
            Group("team-b", "team", "Team B", "backstage"),
            Group("employees", "department", null, "backstage"),
            Group("payments", "team", "Payments Platform", "group:default/backstage", ns: "platform"),
        ]);
        ServeSystems(harness, "artists");
        ServePage(harness, "kind=component,spec.type=service", [
            Component("artist-lookup", "team-a", system: "artist-engagement-portal"),
            // Backstage's own example: a component owned by the guest user.
            Component("guest-service", "user:guest"),
            Component("ledger", "payments", ns: "platform"),
            Component("jdoe-tool", "user:default/jdoe"),
            Component("orphan", "user:nobody"),
            Component("ghost", "user:ghost"),
            Component("broken", null),
        ]);
        ServeUser(harness, "guest", "guests");
        ServeUser(harness, "jdoe", "employees", "team-b");
        ServeUser(harness, "nobody");
        // user:ghost is not in the catalog: the fake answers 404 like Backstage.

        var first = await harness.SyncAsync("catalog");

        var services = (await harness.RowsAsync("services", "name")).ToDictionary(s => s["name"].GetString()!);
        Assert.Equal("team-a", services["artist-lookup"]["team"].GetString());
        Assert.Equal("artist-engagement-portal", services["artist-lookup"]["system"].GetString());
        Assert.Equal("artists", services["artist-lookup"]["domain"].GetString());
        Assert.Equal("guests", services["guest-service"]["team"].GetString());
        Assert.Equal("platform/payments", services["ledger"]["team"].GetString());
        Assert.Equal("team-b", services["jdoe-tool"]["team"].GetString());
        Assert.Equal("unowned", services["orphan"]["team"].GetString());
        Assert.Equal("unowned", services["ghost"]["team"].GetString());
        Assert.DoesNotContain("broken", services.Keys);
        var teams = (await harness.RowsAsync("teams", "name")).ToDictionary(t => t["name"].GetString()!);
        Assert.Equal("Guests", teams["guests"]["display_name"].GetString());
        Assert.Equal("backstage", teams["guests"]["parent"].GetString());
        Assert.Equal("Payments Platform", teams["platform/payments"]["display_name"].GetString());
        Assert.Equal("backstage", teams["platform/payments"]["parent"].GetString());
        Assert.Equal("", teams["backstage"]["parent"].GetString());
        Assert.Equal(11, first.Rows);

        var status = await harness.Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/connectors/catalog");
        var warnings = status.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToList();
        Assert.Contains("component:default/orphan: its owner user:default/nobody is a user in no group of the catalog; the service is 'unowned'", warnings);
        Assert.Contains("component:default/ghost: its owner user:default/ghost is a user in no group of the catalog; the service is 'unowned'", warnings);
        Assert.Contains("component:default/jdoe-tool: its owner user:default/jdoe is in 2 groups (team-b, employees); the service is given to team-b", warnings);
        var held = Assert.Single(status.GetProperty("quarantine").EnumerateArray());
        Assert.Equal("component:default/broken", held.GetProperty("key").GetString());
        Assert.Equal("spec.owner", held.GetProperty("field").GetString());

        // The catalog endpoints filter by system and domain, and name teams as the catalog does.
        var inDomain = await harness.Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/services?domain=artists");
        Assert.Equal(["artist-lookup"], inDomain.EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        var owning = await harness.Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/teams?system=artist-engagement-portal");
        Assert.Equal(["team-a"], owning.EnumerateArray().Select(t => t.GetProperty("team").GetString()));
        var all = (await harness.Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/teams")).EnumerateArray().ToDictionary(t => t.GetProperty("team").GetString()!);
        Assert.Equal("Guests", all["guests"].GetProperty("display_name").GetString());
        Assert.Equal("backstage", all["guests"].GetProperty("parent").GetString());
        Assert.Equal(JsonValueKind.Null, all["team-a"].GetProperty("display_name").ValueKind);

        // Nothing changed: nothing is written again.
        Assert.Equal(0, (await harness.SyncAsync("catalog")).Rows);

        // The system moves to another domain: its component is written again although its own etag did not change.
        ServeSystems(harness, "music", priority: 1);
        Assert.Equal(1, (await harness.SyncAsync("catalog")).Rows);
        Assert.Equal("music", (await harness.RowsAsync("services", "name")).Single(s => s["name"].GetString() == "artist-lookup")["domain"].GetString());
    }
}
