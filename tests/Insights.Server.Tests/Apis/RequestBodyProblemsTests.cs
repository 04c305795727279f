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
