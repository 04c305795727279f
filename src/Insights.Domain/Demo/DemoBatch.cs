using Insights.Domain.Events;

namespace Insights.Domain.Demo;

/// <summary>Everything the demo generates for one team.</summary>
public sealed class DemoBatch
{
    public List<CatalogService> Services { get; } = [];

    public List<Engineer> Engineers { get; } = [];

    public List<Deployment> Deployments { get; } = [];

    public List<PullRequest> PullRequests { get; } = [];

    public List<Incident> Incidents { get; } = [];

    public List<ProvisioningRequest> ProvisioningRequests { get; } = [];

    /// <summary>Answers to the demo NPS campaign (<see cref="DemoOrganisation.SurveyCampaign"/>); not events.</summary>
    public List<DemoSurveyAnswer> SurveyAnswers { get; } = [];

    public int Count => Services.Count + Engineers.Count + Deployments.Count + PullRequests.Count + Incidents.Count + ProvisioningRequests.Count;
}
