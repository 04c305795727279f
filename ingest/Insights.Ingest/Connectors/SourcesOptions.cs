using Insights.Ingest.Backstage;
using Insights.Ingest.GitHub;
using Insights.Ingest.HrCsv;
using Insights.Ingest.Jira;
using Insights.Ingest.PagerDuty;

namespace Insights.Ingest.Connectors;

/// <summary>The configured sources (configuration section <c>Sources</c>, YAML <c>sources:</c>).</summary>
public sealed class SourcesOptions
{
    public const string Section = "Sources";

    public List<GitHubOptions> GitHub { get; set; } = [];

    public List<JiraOptions> Jira { get; set; } = [];

    public List<PagerDutyOptions> PagerDuty { get; set; } = [];

    public List<BackstageOptions> Backstage { get; set; } = [];

    public List<HrCsvOptions> HrCsv { get; set; } = [];

    public IEnumerable<SourceOptions> All => [.. GitHub, .. Jira, .. PagerDuty, .. Backstage, .. HrCsv];

    /// <summary>What is wrong with the configuration, each message naming the YAML key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Check(GitHub, "github", errors);
        Check(Jira, "jira", errors);
        Check(PagerDuty, "pagerduty", errors);
        Check(Backstage, "backstage", errors);
        Check(HrCsv, "hr_csv", errors);
        foreach (var duplicate in All.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"sources: the name '{duplicate.Key}' is used by {duplicate.Count()} sources; names must be unique");
        }

        return errors;
    }

    private static void Check<T>(List<T> sources, string key, List<string> errors)
        where T : SourceOptions
    {
        for (var i = 0; i < sources.Count; i++)
        {
            foreach (var (field, problem) in sources[i].Problems())
            {
                errors.Add($"sources.{key}[{i}].{field}: {problem}");
            }
        }
    }
}
