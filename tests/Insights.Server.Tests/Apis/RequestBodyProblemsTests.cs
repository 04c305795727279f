using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Insights.TestSupport;

namespace Insights.Server.Tests.Apis;

/// <summary>
/// A JSON body whose value does not fit its field (a time that is not a time, text for a flag, a list
/// item of the wrong type) is a 400 problem naming the field and what it must be, on every endpoint
/// that takes a typed body; a body cut short is "Malformed JSON". Nothing is created.
/// </summary>
public sealed class RequestBodyProblemsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("/api/v1/keys", """{"name":"k","scopes":["read"],"expires_at":"next tuesday"}""", "expires_at", "must be an ISO-8601 time with a zone")]
    [InlineData("/api/v1/keys", """{"name":"k","scopes":["read"],"expires_at":"2030-01-01T00:00:00"}""", "expires_at", "must be an ISO-8601 time with a zone")]
    [InlineData("/api/v1/keys", """{"name":"k","scopes":[1]}""", "scopes[0]", "has the wrong JSON type")]
    [InlineData("/api/v1/surveys", """{"name":"s","question":"q?","starts_at":"soon"}""", "starts_at", "must be an ISO-8601 time with a zone")]
    [InlineData("/api/v1/surveys", """{"name":"s","question":"q?","audience":[{"team":"a","size":"nine"}]}""", "audience[0].size", "must be a whole number")]
    [InlineData("/api/v1/surveys", """{"name":"s","question":"q?","sampling_ratio":true}""", "sampling_ratio", "must be a number")]
    [InlineData("/api/v1/reports", """{"per_team":"yes"}""", "per_team", "must be true or false")]
    public async Task AValueThatDoesNotFitItsField_IsAProblemNamingIt(string route, string json, string field, string reason)
    {
        var response = await fixture.Server.Client.PostAsync(route, new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for {field}: {problem}");
        Assert.StartsWith(reason, messages[0].GetString());
    }

    [Theory]
    [InlineData("/api/v1/keys", "text/plain", "application/json")]
    [InlineData("/api/v1/surveys", "application/x-www-form-urlencoded", "application/json")]
    [InlineData("/api/v1/reports", null, "application/json")]
    [InlineData("/api/v1/deployments", "application/xml", "application/json or application/x-ndjson or text/csv")]
    public async Task ABodyOfATypeTheEndpointDoesNotTake_IsA415NamingWhatItTakes(string route, string? contentType, string accepted)
    {
        // Routing falls through to the ingest catch-all POST /api/v1/{kind} when no endpoint at the
        // path takes the type: that must say so, not "there is no event kind 'reports'".
        using var content = new ByteArrayContent("{}"u8.ToArray());
        if (contentType is not null)
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        var response = await fixture.Server.Client.PostAsync(route, content);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains($"send {accepted}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APushToAKindThatDoesNotExist_IsA404ListingTheKinds()
    {
        var response = await fixture.Server.Client.PostAsync("/api/v1/deploys", new StringContent("[]", Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no event kind 'deploys'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("pull-requests", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyCutShort_IsMalformedJson_AndCreatesNothing()
    {
        var before = await fixture.Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/keys");

        var response = await fixture.Server.Client.PostAsync("/api/v1/keys", new StringContent("""{"name":"cut","scopes":["read"]""", Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var after = await fixture.Server.Client.GetFromJsonAsync<JsonElement>("/api/v1/keys");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Malformed JSON", problem.GetProperty("title").GetString());
        Assert.Equal(before.GetArrayLength(), after.GetArrayLength());
    }
}
