using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Insights.Domain.Demo;
using Insights.Domain.Events;
using Insights.Domain.Json;

namespace Insights.Benchmarks;

/// <summary>Pushes a demo organisation through the HTTP API (several requests in flight) and waits until it is in ClickHouse.</summary>
public static class DemoPush
{
    public static async Task LoadAsync(ServerProcess server, DemoOrganisation organisation)
    {
        var clock = Stopwatch.StartNew();
        long events = 0;
        var pending = new List<Task>();
        foreach (var batch in organisation.Generate())
        {
            pending.Add(PushAsync(server, EventKind.Services, batch.Services));
            pending.Add(PushAsync(server, EventKind.Engineers, batch.Engineers));
            pending.Add(PushAsync(server, EventKind.Deployments, batch.Deployments));
            pending.Add(PushAsync(server, EventKind.PullRequests, batch.PullRequests));
            pending.Add(PushAsync(server, EventKind.Incidents, batch.Incidents));
            pending.Add(PushAsync(server, EventKind.ProvisioningRequests, batch.ProvisioningRequests));
            events += batch.Count;
            if (pending.Count >= 24)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending);
        Console.WriteLine($"Pushed {events:N0} events in {clock.Elapsed.TotalSeconds:N0} s; waiting for ClickHouse…");
        await server.WaitForEmptySpoolAsync();
        Console.WriteLine($"Loaded in {clock.Elapsed.TotalSeconds:N0} s");
    }

    private static async Task PushAsync<T>(ServerProcess server, EventKind kind, List<T> records)
    {
        foreach (var chunk in records.Chunk(10_000))
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(chunk, ApiJson.Options);
            while (true)
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new("application/json");
                using var response = await server.Client.PostAsync($"/api/v1/{kind.Route()}", content);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    break;
                }

                // As a well-behaved pipeline does: over the key's rate, wait as told and send it again.
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                    continue;
                }

                throw new InvalidOperationException($"{kind}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }
}
