using Insights.Ingest.Connectors;

namespace Insights.Ingest.Jira;

/// <summary>A Jira site (YAML <c>sources.jira[]</c>): incidents and infrastructure-request tickets found by JQL.</summary>
public sealed class JiraOptions : SourceOptions
{
    public override IEnumerable<string?> SecretVariables => [TokenEnv];

    public override string Kind => "jira";

    public string BaseUrl { get; set; } = "";

    /// <summary><c>cloud</c> (/rest/api/3/search/jql, nextPageToken) or <c>data_center</c> (/rest/api/2/search, startAt/total).</summary>
    public string Flavor { get; set; } = "cloud";

    /// <summary>Cloud: the account e-mail for Basic authentication. Data Center: empty to send the token as a Bearer PAT.</summary>
    public string? Email { get; set; }

    public string TokenEnv { get; set; } = "";

    /// <summary>JQL selecting incident issues (bounded, e.g. <c>project = INC</c>).</summary>
    public string? IncidentsJql { get; set; }

    /// <summary>JQL selecting infrastructure-request tickets (they become provisioning requests, channel ticket).</summary>
    public string? ProvisioningJql { get; set; }

    /// <summary>Issues carrying this label are incidents no change caused.</summary>
    public string NotChangeRelatedLabel { get; set; } = "not-change-related";

    /// <summary>
    /// Resolutions that mean the request was not done: a done ticket with one of these is cancelled, not
    /// ready. Unset: <see cref="DefaultNotDoneResolutions"/>.
    /// </summary>
    public List<string>? NotDoneResolutions { get; set; }

    public static IReadOnlyList<string> DefaultNotDoneResolutions { get; } = ["Won't Do", "Duplicate", "Cannot Reproduce"];

    /// <summary>The field holding an incident's severity: <c>priority</c>, or a custom field such as <c>customfield_10042</c>.</summary>
    public string SeverityField { get; set; } = "priority";

    public int InitialDays { get; set; } = 90;

    public int PageSize { get; set; } = 100;

    public override IEnumerable<(string Field, string Problem)> Problems()
    {
        foreach (var problem in base.Problems().Concat(Required("base_url", BaseUrl)).Concat(Required("token_env", TokenEnv)))
        {
            yield return problem;
        }

        if (Flavor is not ("cloud" or "data_center"))
        {
            yield return ("flavor", "must be cloud or data_center");
        }

        if (string.IsNullOrWhiteSpace(IncidentsJql) && string.IsNullOrWhiteSpace(ProvisioningJql))
        {
            yield return ("incidents_jql", "or provisioning_jql is required: the source has nothing to read");
        }

        if (string.IsNullOrWhiteSpace(SeverityField) || !SeverityField.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            yield return ("severity_field", "must be a field id such as priority or customfield_10042");
        }

        if (Flavor == "cloud" && string.IsNullOrWhiteSpace(Email))
        {
            yield return ("email", "is required for Jira Cloud (Basic authentication with an API token)");
        }
    }
}
