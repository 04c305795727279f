using System.Text.Json;
using Insights.Domain.Json;

namespace Insights.Domain.Tests.Json;

/// <summary>The API's JSON conventions: what a request body may hold, and the reason when it may not.</summary>
public sealed class ApiJsonTests
{
    private sealed record Body(DateTime? At, DateOnly? Day, bool? Flag, int? Count, long? Big, double? Ratio);

    [Fact]
    public void Values_AreReadInTheApisForms_AndWrittenBackTheSame()
    {
        var body = JsonSerializer.Deserialize<Body>(
            """{"at":"2026-03-02T15:05:00+01:00","day":"2026-03-02","flag":true,"count":"7","big":9000000000,"ratio":0.25}""", ApiJson.Options)!;

        Assert.Equal(new DateTime(2026, 3, 2, 14, 5, 0, DateTimeKind.Utc), body.At);
        Assert.Equal(new Body(body.At, new DateOnly(2026, 3, 2), true, 7, 9_000_000_000, 0.25), body);
        Assert.Equal("""{"at":"2026-03-02T14:05:00Z","day":"2026-03-02","flag":true,"count":7,"big":9000000000,"ratio":0.25}""", JsonSerializer.Serialize(body, ApiJson.Options));
    }

    [Theory]
    [InlineData("""{"at":"soon"}""", "$.at", "must be an ISO-8601 time with a zone")]
    [InlineData("""{"at":"2026-03-02T14:05:00"}""", "$.at", "must be an ISO-8601 time with a zone")]
    [InlineData("""{"at":1772460300}""", "$.at", "must be an ISO-8601 time with a zone")]
    [InlineData("""{"day":"02/03/2026"}""", "$.day", "must be a date YYYY-MM-DD")]
    [InlineData("""{"flag":"yes"}""", "$.flag", "must be true or false")]
    [InlineData("""{"count":1.5}""", "$.count", "must be a whole number")]
    [InlineData("""{"count":"many"}""", "$.count", "must be a whole number")]
    [InlineData("""{"ratio":[1]}""", "$.ratio", "must be a number")]
    public void AValueThatDoesNotFit_IsRefused_WithItsPathAndReason(string json, string path, string reason)
    {
        var error = Assert.Throws<ApiJson.InvalidValueException>(() => JsonSerializer.Deserialize<Body>(json, ApiJson.Options));

        Assert.Equal(path, error.Path);
        Assert.StartsWith(reason, error.Reason);
    }
}
