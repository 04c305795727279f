using System.Net;
using System.Text;
using System.Text.Json;
using Insights.Ingest.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Insights.Ingest.Tests.Connectors;

/// <summary>
/// A source that answers "200 OK" with something other than its JSON — a login or proxy page, JSON cut off,
/// another content type, absurd nesting, a huge body — gives a clear connector error naming the request and
/// what came back; the cursor stays, the server keeps serving, and the next run tries again.
/// </summary>
public sealed class BadAnswerTests
{
    private const string CutOff = "{\"issues\":[{\"id\":\"10001\",\"key\":\"INC-1\",\"fields\":{\"summary\":\"Checkout is d";

    public static TheoryData<string, string, string> Answers => new()
    {
        { "text/html; charset=utf-8", "<!DOCTYPE html><html><head><title>Log in with Atlassian account</title></head><body>…</body></html>", "answered 200 with an HTML page (text/html), not JSON: a login, proxy or maintenance page? Its title: 'Log in with Atlassian account'." },
        { "application/json", CutOff, $"answered 200 with JSON that ends early (cut off after {CutOff.Length} bytes)." },
        { "text/plain", "Service temporarily unavailable, please retry", "answered 200 with text/plain, not JSON: 'Service temporarily unavailable, please retry'" },
        { "application/json", "{\"issues\":" + string.Concat(Enumerable.Repeat("[", 300)) + string.Concat(Enumerable.Repeat("]", 300)) + "}", "answered 200 with JSON nested deeper than 256 levels." },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Jira_AnswersThatAreNotItsJson_FailTheQuery_WithAClearError(string contentType, string body, string expected)
    {
        await using var harness = await StartJiraAsync();
        harness.Fake.Given(Request.Create().WithPath("/rest/api/3/search/jql").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", contentType).WithBody(body));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => harness.SyncAsync("jira"));

        var state = await harness.StateAsync("jira");
        Assert.Null(state!.Cursor);
        var part = Assert.Single(state.FailingParts);
        Assert.Equal("POST /rest/api/3/search/jql " + expected, part.Error);
        Assert.Contains(expected, state.LastError);
        Assert.Contains(expected, error.Message);
        // The server still serves (readiness would also time the databases, which a busy machine slows).
        Assert.Equal(HttpStatusCode.OK, (await harness.Server.Anonymous.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Jira_AHugeAnswer_IsRefusedByItsLength_BeforeItsBody()
    {
        await using var harness = await StartJiraAsync();
        var huge = new StringBuilder("{\"issues\":[],\"padding\":\"").Append('x', (32 << 20) + 1024).Append("\"}").ToString();
        harness.Fake.Given(Request.Create().WithPath("/rest/api/3/search/jql").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(huge));

        await Assert.ThrowsAnyAsync<Exception>(() => harness.SyncAsync("jira"));

        var part = Assert.Single((await harness.StateAsync("jira"))!.FailingParts);
        Assert.Equal("POST /rest/api/3/search/jql answered with more than 32 MiB, more than one page should hold; refused.", part.Error);
    }

    [Fact]
    public async Task Jira_AnEndlessAnswerWithoutALength_IsCutAtTheCapWhileItStreams()
    {
        // A vendor (or a proxy) that sends chunks and no Content-Length, forever: the sync can only end
        // if the connector stops reading by itself. (Writes after the connector hung up may still count
        // here until the server notices, so the count says only that the vendor went past the cap.)
        long sent = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var vendor = builder.Build();
        vendor.MapPost("/rest/api/3/search/jql", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/json";
            var chunk = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
            try
            {
                await context.Response.Body.WriteAsync("{\"issues\":[],\"padding\":\""u8.ToArray(), context.RequestAborted);
                while (!context.RequestAborted.IsCancellationRequested)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                    Interlocked.Add(ref sent, chunk.Length);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                // The connector hung up, as it should.
            }
        });
        await vendor.StartAsync();
        await using var harness = await ConnectorHarness.StartAsync(_ => new Dictionary<string, string?>
        {
            ["Sources:Jira:0:Name"] = "jira",
            ["Sources:Jira:0:BaseUrl"] = vendor.Urls.First(),
            ["Sources:Jira:0:Email"] = "bot@acme.example",
            ["Sources:Jira:0:TokenEnv"] = "TEST_TOKEN",
            ["Sources:Jira:0:IncidentsJql"] = "project = INC",
        });

        await Assert.ThrowsAnyAsync<Exception>(() => harness.SyncAsync("jira"));

        // The connector's own cap stopped the read (HttpClient buffering the body first would have failed
        // with its own error, at 2 GiB), after the vendor had sent past it: refused while streaming, not by a header.
        var part = Assert.Single((await harness.StateAsync("jira"))!.FailingParts);
        Assert.Equal("POST /rest/api/3/search/jql answered with more than 32 MiB, more than one page should hold; refused.", part.Error);
        Assert.True(Interlocked.Read(ref sent) >= SourceResponse.MaxBytes - (1 << 20), $"the vendor sent {Interlocked.Read(ref sent)} bytes");
    }

    [Fact]
    public async Task GitHub_AnHtmlPageInsteadOfJson_FailsTheRepository_BeforeOctokitReadsIt()
    {
        await using var harness = await ConnectorHarness.StartAsync(url => new Dictionary<string, string?>
        {
            ["Sources:GitHub:0:Name"] = "gh",
            ["Sources:GitHub:0:BaseUrl"] = url + "/",
            ["Sources:GitHub:0:TokenEnv"] = "TEST_TOKEN",
            ["Sources:GitHub:0:Repositories:0"] = "acme/api",
        });
        // What a corporate proxy in front of GitHub Enterprise answers when its session expired.
        harness.Fake.Given(Request.Create().WithPath("/repos/acme/api/pulls").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/html").WithBody("<html><head><title>Sign in – Acme SSO</title></head></html>"));

        await Assert.ThrowsAnyAsync<Exception>(() => harness.SyncAsync("gh"));

        var state = await harness.StateAsync("gh");
        var part = Assert.Single(state!.FailingParts);
        Assert.Equal("acme/api", part.Part);
        Assert.Equal("GET /repos/acme/api/pulls answered 200 with an HTML page (text/html), not JSON: a login, proxy or maintenance page? Its title: 'Sign in – Acme SSO'.", part.Error);
        Assert.Null(state.Cursor);
    }

    [Fact]
    public async Task GitHub_DeeplyNestedJson_IsAClearError_NotAParserCrash()
    {
        await using var harness = await ConnectorHarness.StartAsync(url => new Dictionary<string, string?>
        {
            ["Sources:GitHub:0:Name"] = "gh",
            ["Sources:GitHub:0:BaseUrl"] = url + "/",
            ["Sources:GitHub:0:TokenEnv"] = "TEST_TOKEN",
            ["Sources:GitHub:0:Repositories:0"] = "acme/api",
        });
        // A deployment whose payload (the deployer's own JSON) nests 100,000 levels: a recursive parser would overflow its stack.
        var payload = string.Concat(Enumerable.Repeat("{\"a\":", 100_000)) + "1" + new string('}', 100_000);
        harness.Fake.Given(Request.Create().WithPath("/repos/acme/api/pulls").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("[]"));
        harness.Fake.Given(Request.Create().WithPath("/repos/acme/api/deployments").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody($"[{{\"id\":1,\"sha\":\"abc\",\"environment\":\"production\",\"created_at\":\"2026-03-01T10:00:00Z\",\"payload\":{payload}}}]"));

        await Assert.ThrowsAnyAsync<Exception>(() => harness.SyncAsync("gh"));

        var part = Assert.Single((await harness.StateAsync("gh"))!.FailingParts);
        Assert.Equal("GET /repos/acme/api/deployments answered 200 with JSON nested deeper than 256 levels.", part.Error);
        // The server still serves (readiness would also time the databases, which a busy machine slows).
        Assert.Equal(HttpStatusCode.OK, (await harness.Server.Anonymous.GetAsync("/healthz")).StatusCode);
    }

    private static Task<ConnectorHarness> StartJiraAsync() => ConnectorHarness.StartAsync(url => new Dictionary<string, string?>
    {
        ["Sources:Jira:0:Name"] = "jira",
        ["Sources:Jira:0:BaseUrl"] = url,
        ["Sources:Jira:0:Email"] = "bot@acme.example",
        ["Sources:Jira:0:TokenEnv"] = "TEST_TOKEN",
        ["Sources:Jira:0:IncidentsJql"] = "project = INC",
    });
}
