using System.Net.Http.Json;
using System.Text.Json;
using Insights.TestSupport;

namespace Insights.Server.Tests.Metrics;

/// <summary>
/// Rework's remediation is the first deployment of a service after one of its incidents started. For an
/// incident older than the deployments a question reads (lookback_days, 90 by default, before the range),
/// that first deployment may lie outside them: the incident is left out, never given a later deployment.
/// </summary>
public sealed class ReworkLookbackTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task AnIncidentOlderThanTheLookback_DoesNotMakeADeploymentInTheRangeRework()
    {
        var prefix = $"rwk{Guid.NewGuid():N}"[..13];
        var old = $"{prefix}-old";
        var recent = $"{prefix}-recent";
        // Both services: an incident still open, and the first deployment after it 10 minutes later; then
        // four deployments in March. "old"'s incident started 1 October 2025, more than 90 days before
        // the range (from 1 March 2026): its remediation (1 Oct) is outside what the question reads.
        // "recent"'s started 1 February 2026, inside: its remediation (1 Feb) is read, so the March
        // deployments are not its first one after the incident either.
        var incidentStarts = new Dictionary<string, DateTime>
        {
            [old] = new(2025, 10, 1, 9, 0, 0, DateTimeKind.Utc),
            [recent] = new(2026, 2, 1, 9, 0, 0, DateTimeKind.Utc),
        };
        var deployments = incidentStarts.SelectMany(e => new[] { e.Value.AddMinutes(10) }
            .Concat(Enumerable.Range(0, 4).Select(day => new DateTime(2026, 3, 2 + day, 12, 0, 0, DateTimeKind.Utc)))
            .Select((finished, i) => new
            {
                id = $"{e.Key}-d{i}",
                service = e.Key,
                environment = "production",
                status = "success",
                started_at = IsoTime.Of(finished.AddMinutes(-5)),
                finished_at = IsoTime.Of(finished),
            }));
        var incidents = incidentStarts.Select(e => new { id = $"{e.Key}-i", service = e.Key, title = "down", started_at = IsoTime.Of(e.Value) });

        await fixture.Server.PushAllAsync("services", incidentStarts.Keys.Select(s => new { name = s, team = $"{prefix}-team" }));
        await fixture.Server.PushAllAsync("deployments", deployments);
        await fixture.Server.PushAllAsync("incidents", incidents);
        await fixture.Server.FlushAsync();

        foreach (var service in incidentStarts.Keys)
        {
            var summary = (await fixture.Server.Client.GetFromJsonAsync<JsonElement>($"/api/v1/metrics/rework-rate?from=2026-03-01&to=2026-04-01&service={service}")).GetProperty("summary");
            Assert.Equal(4, summary.GetProperty("n").GetInt32());
            Assert.Equal(0, summary.GetProperty("rework_deployments").GetInt32());
        }
    }
}
