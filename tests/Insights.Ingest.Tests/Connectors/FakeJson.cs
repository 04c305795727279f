using System.Text.Json;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Insights.Ingest.Tests.Connectors;

/// <summary>Small helpers to serve JSON from a WireMock fake.</summary>
public static class FakeJson
{
    /// <summary>Serves <paramref name="body"/> for matching requests; tests override a route by mapping it at priority 1.</summary>
    public static void Serve(WireMockServer fake, Action<IRequestBuilder> match, object body, int status = 200, int priority = 10)
    {
        var request = Request.Create();
        match(request);
        fake.Given(request).AtPriority(priority).RespondWith(Response.Create().WithStatusCode(status)
            .WithHeader("Content-Type", "application/json")
            .WithBody(JsonSerializer.Serialize(body)));
    }
}
