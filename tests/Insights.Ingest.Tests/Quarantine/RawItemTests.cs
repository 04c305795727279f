using System.Text;
using System.Text.Json;
using Insights.Ingest.Quarantine;

namespace Insights.Ingest.Tests.Quarantine;

/// <summary>What the quarantine keeps of a vendor's item: enough to see what is wrong, never a secret, never unbounded.</summary>
public sealed class RawItemTests
{
    private static readonly string[] Token = ["s3cr3t-token"];

    [Fact]
    public void SecretsAreRedacted_ByName_ByValue_AndInAddresses()
    {
        using var item = JsonDocument.Parse("""
            {"key": "INC-1", "fields": {"summary": "Deploy with s3cr3t-token failed",
             "customfield_1": {"api_key": "k-123", "password": "hunter2", "Authorization": "Bearer abc", "session": {"id": "x"}},
             "webhook": "https://bot:p4ss@hooks.acme.example/deploy", "tokens_used": 3}}
            """);

        var (text, truncated) = RawItem.Of(item.RootElement, Token);

        Assert.False(truncated);
        var raw = JsonDocument.Parse(text).RootElement.GetProperty("fields");
        Assert.Equal("Deploy with [redacted] failed", raw.GetProperty("summary").GetString());
        Assert.Equal("[redacted]", raw.GetProperty("customfield_1").GetProperty("api_key").GetString());
        Assert.Equal("[redacted]", raw.GetProperty("customfield_1").GetProperty("password").GetString());
        Assert.Equal("[redacted]", raw.GetProperty("customfield_1").GetProperty("Authorization").GetString());
        Assert.Equal("x", raw.GetProperty("customfield_1").GetProperty("session").GetProperty("id").GetString());
        Assert.Equal("https://[redacted]@hooks.acme.example/deploy", raw.GetProperty("webhook").GetString());
        Assert.Equal("[redacted]", raw.GetProperty("tokens_used").GetString());
        Assert.DoesNotContain("hunter2", text);
        Assert.DoesNotContain("p4ss", text);
    }

    [Fact]
    public void AHugeDeepItem_IsCutToItsBound_OnACharacterBoundary()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40);
        var json = $$"""{"key": "INC-2", "description": "{{new string('é', 5000)}}", "list": [{{string.Join(',', Enumerable.Range(0, 2000))}}], "deep": {{deep}}, "more": [{{string.Join(',', Enumerable.Repeat($"\"{new string('ü', 500)}\"", 40))}}]}""";
        using var item = JsonDocument.Parse(json);

        var (text, truncated) = RawItem.Of(item.RootElement, Token);

        Assert.True(truncated);
        Assert.True(Encoding.UTF8.GetByteCount(text) <= RawItem.MaxBytes);
        Assert.StartsWith("{\"key\":\"INC-2\",\"description\":\"ééé", text);
        Assert.Contains("\"… 1980 more\"", text);
        Assert.EndsWith("…", text);
        Assert.DoesNotContain('\uFFFD', text);
    }
}
