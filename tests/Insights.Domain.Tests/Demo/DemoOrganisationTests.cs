using System.Text.Json;
using Insights.Domain.Demo;
using Insights.Domain.Events;
using Insights.Domain.Json;
using Insights.Domain.Validation;

namespace Insights.Domain.Tests.Demo;

public class DemoOrganisationTests
{
    private static readonly DateOnly End = new(2026, 3, 30);

    [Fact]
    public void Generate_IsDeterministic()
    {
        var first = JsonSerializer.Serialize(new DemoOrganisation(End).Generate().ToList(), ApiJson.Options);
        var second = JsonSerializer.Serialize(new DemoOrganisation(End).Generate().ToList(), ApiJson.Options);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Generate_ProducesOnlyValidEvents_InsideItsPeriod()
    {
        var organisation = new DemoOrganisation(End);
        var end = End.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        foreach (var batch in organisation.Generate())
        {
            AssertValid(EventKind.Services, batch.Services);
            AssertValid(EventKind.Engineers, batch.Engineers);
            AssertValid(EventKind.Deployments, batch.Deployments);
            AssertValid(EventKind.PullRequests, batch.PullRequests);
            AssertValid(EventKind.Incidents, batch.Incidents);
            AssertValid(EventKind.ProvisioningRequests, batch.ProvisioningRequests);
            Assert.All(batch.Deployments, d => Assert.True(d.FinishedAt < end));
            Assert.All(batch.Incidents, i => Assert.True(i.ResolvedAt is null || i.ResolvedAt < end));
        }
    }

    [Fact]
    public void Generate_CoversWhatTheMetricsNeed()
    {
        var batches = new DemoOrganisation(End).Generate().ToList();
        var deployments = batches.SelectMany(b => b.Deployments).ToList();
        var incidents = batches.SelectMany(b => b.Incidents).ToList();

        Assert.Equal(5, batches.Count);
        Assert.Contains(deployments, d => d.Environment == "staging");
        Assert.Contains(deployments, d => d.Status == "failure");
        Assert.Contains(deployments, d => d.RollbackOf is not null);
        Assert.Contains(deployments, d => d.Hotfix == true);
        Assert.Contains(deployments, d => d.Environment == "prod-us");
        Assert.Contains(deployments, d => d.Commits is { Count: > 0 });
        Assert.Contains(deployments, d => d.Pipeline == DemoOrganisation.GoldenPathPipeline && d.GoldenPath is null);
        Assert.Contains(incidents, i => i.DeploymentId is not null);
        Assert.Contains(incidents, i => i.DeploymentId is null && i.ChangeRelated is null);
        Assert.Contains(incidents, i => i.ChangeRelated == false);
        Assert.True(batches.SelectMany(b => b.Engineers).Count(e => e.StartDate >= End.AddDays(-91)) >= 5);
        Assert.Contains(batches.SelectMany(b => b.ProvisioningRequests), r => r.Channel == ProvisioningRequest.SelfService);
        Assert.Contains(batches.SelectMany(b => b.ProvisioningRequests), r => r.ReadyAt is null);
    }

    [Fact]
    public void Scale_RepeatsTheTeamsUnderNewNames()
    {
        var organisation = new DemoOrganisation(End, days: 14, scale: 3);

        var teams = organisation.Teams.Select(t => t.Team).ToList();

        Assert.Equal(15, teams.Count);
        Assert.Equal(15, teams.Distinct().Count());
        Assert.Contains("payments-3", teams);
    }

    private static void AssertValid<T>(EventKind kind, IEnumerable<T> records)
    {
        var schema = EventSchemas.For(kind);
        foreach (var record in records)
        {
            var json = JsonSerializer.SerializeToElement(record, ApiJson.Options);
            var valid = EventValidator.TryValidate(schema, json, out _, out var errors);
            Assert.True(valid, $"{kind}: {json} — {JsonSerializer.Serialize(errors.ToDictionary())}");
        }
    }
}
