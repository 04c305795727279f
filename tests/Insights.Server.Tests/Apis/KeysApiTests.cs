using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Insights.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Insights.Server.Tests.Apis;

public sealed class KeysApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private InsightsTestServer Server => fixture.Server;

    [Fact]
    public async Task CreatedKey_WorksForItsScope_UntilRevoked()
    {
        var created = await Server.Client.PostAsJsonAsync("/api/v1/keys", new { name = "ci pipeline", scopes = new[] { "ingest" } });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var key = body.GetProperty("key").GetString()!;
        var ci = Server.CreateClient(key);

        var push = await ci.PostAsync("/api/v1/services", new StringContent("""[{"name":"k","team":"t"}]""", Encoding.UTF8, "application/json"));
        var admin = await ci.GetAsync("/api/v1/keys");
        var revoke = await Server.Client.DeleteAsync($"/api/v1/keys/{body.GetProperty("id").GetString()}");
        var list = await Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/keys");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("pik_", key);
        Assert.Equal(HttpStatusCode.Accepted, push.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        var listed = list.EnumerateArray().Single(k => k.GetProperty("name").GetString() == "ci pipeline");
        Assert.False(listed.TryGetProperty("key", out _));
        Assert.Equal(key[..10], listed.GetProperty("key_prefix").GetString());
        Assert.NotEqual(JsonValueKind.Null, listed.GetProperty("revoked_at").ValueKind);
    }

    [Fact]
    public async Task KeyWithAnExpiry_WorksUntilThen_AndIsRefusedAfter()
    {
        // A server on a clock the test moves: the expiry passes without waiting for it.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));
        await using var server = await InsightsTestServer.StartAsync(configure: builder => builder.Services.AddSingleton<TimeProvider>(clock));
        var expiresAt = clock.GetUtcNow().AddMinutes(10);
        var created = await server.Client.PostAsJsonAsync("/api/v1/keys", new { name = "temporary", scopes = new[] { "read" }, expires_at = expiresAt.ToString("O") });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var client = server.CreateClient(body.GetProperty("key").GetString()!);

        var before = await client.GetAsync("/api/v1/teams");
        clock.Advance(TimeSpan.FromMinutes(9) + TimeSpan.FromSeconds(59));
        var lastSecond = await client.GetAsync("/api/v1/teams");
        clock.Advance(TimeSpan.FromSeconds(1));
        // The lookup made before the expiry is still cached: the expiry must apply to it too.
        var after = await client.GetAsync("/api/v1/teams");
        var list = await server.Client.GetFromJsonAsync<JsonElement>("/api/v1/keys");

        Assert.Equal(HttpStatusCode.OK, lastSecond.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        var listed = list.EnumerateArray().Single(k => k.GetProperty("id").GetString() == body.GetProperty("id").GetString());
        Assert.Equal(expiresAt.UtcDateTime, listed.GetProperty("expires_at").GetDateTime().ToUniversalTime());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("revoked_at").ValueKind);
    }

    [Fact]
    public async Task KeysAreStoredHashed()
    {
        var created = await Server.Client.PostAsJsonAsync("/api/v1/keys", new { name = "hashed", scopes = new[] { "read" } });
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;

        await using var connection = new Npgsql.NpgsqlConnection(Server.PostgresDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM api_keys WHERE position(convert_to(@k, 'UTF8') in key_hash) > 0 OR key_prefix = @k OR name = @k", connection);
        command.Parameters.AddWithValue("k", key);
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("""{"scopes":["read"]}""", "name")]
    [InlineData("""{"name":"x","scopes":[]}""", "scopes")]
    [InlineData("""{"name":"x","scopes":["root"]}""", "scopes")]
    [InlineData("""{"name":"x","scopes":["read"],"expires_at":"2020-01-01T00:00:00Z"}""", "expires_at")]
    [InlineData("""{"name":"x","scopes":["read"],"expires_at":"next tuesday"}""", "expires_at")]
    public async Task InvalidRequests_AreProblemsNamingTheField(string json, string field)
    {
        var response = await Server.Client.PostAsync("/api/v1/keys", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }
}
