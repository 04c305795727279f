using Insights.Server;
using Insights.Server.Configuration;
using Microsoft.Extensions.Configuration;

namespace Insights.Ingest.Tests.Connectors;

/// <summary>The YAML configuration is checked at start-up; a wrong file stops the host with messages naming each key.</summary>
public sealed class ConfigFileTests
{
    private static ConfigFileException Start(string yaml)
    {
        var path = Path.Combine(Path.GetTempPath(), $"insights-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        try
        {
            return Assert.Throws<ConfigFileException>(() => InsightsApp.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Insights:ConfigFile"] = path })));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void BrokenFile_StopsStartUp_NamingEachKey()
    {
        var error = Start("""
            metrics:
              cold_start_days: thirty
              golden_path_pipeline: ["golden-path/*"]
            sources:
              github:
                - name: gh
                  token_env: GITHUB TOKEN
                  repositorys: [acme/api]
            """);

        Assert.Contains("metrics.cold_start_days (line 2): must be a whole number from 0 to 365; got 'thirty'", error.Errors);
        Assert.Contains(error.Errors, e => e.StartsWith("metrics.golden_path_pipeline (line 3): unknown key; did you mean 'golden_path_pipelines'?", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("sources.github[0].token_env (line 7): must be the name of an environment variable", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("sources.github[0].repositorys (line 8): unknown key; did you mean 'repositories'?", StringComparison.Ordinal));
    }

    [Fact]
    public void SourceMissingRequiredKeys_StopsStartUp()
    {
        var error = Start("""
            sources:
              jira:
                - name: jira
                  base_url: https://acme.atlassian.net
                  token_env: JIRA_TOKEN
              pagerduty:
                - name: jira
                  token_env: PD_TOKEN
            """);

        Assert.Contains("sources.jira[0].incidents_jql: or provisioning_jql is required: the source has nothing to read", error.Errors);
        Assert.Contains("sources.jira[0].email: is required for Jira Cloud (Basic authentication with an API token)", error.Errors);
        Assert.Contains("sources: the name 'jira' is used by 2 sources; names must be unique", error.Errors);
    }

    [Fact]
    public void InvalidYaml_IsReportedWithItsLine()
    {
        var error = Start("metrics:\n  production_environments: [prod\n");

        Assert.Contains("not valid YAML", Assert.Single(error.Errors));
    }

    [Fact]
    public void TheExampleFile_IsValid()
    {
        var example = Path.Combine(AppContext.BaseDirectory, "insights.example.yaml");
        var values = ConfigFile.Load(example, InsightsConfigSchema.Root);

        Assert.Equal("golden-path/*", values["Metrics:GoldenPathPipelines:0"]);
    }

    [Fact]
    public void TheExampleFile_IsValid_WithEveryCommentedSourceSwitchedOn()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "insights.example.yaml"));
        // Uncomment the commented YAML (top-level keys and indented lines after "# "), not the prose comments.
        var uncommented = lines.Select(l => IsCommentedYaml(l) ? l[2..] : l);
        var values = ConfigFile.Parse(string.Join('\n', uncommented), InsightsConfigSchema.Root);

        Assert.Equal("GITHUB_TOKEN", values["Sources:GitHub:0:TokenEnv"]);
        Assert.Equal("project = INC", values["Sources:Jira:0:IncidentsJql"]);
        Assert.Equal("production", values["Webhooks:GitHub:WorkflowEnvironment"]);
    }

    private static bool IsCommentedYaml(string line) =>
        line.StartsWith("#   ", StringComparison.Ordinal)
        || (line.StartsWith("# ", StringComparison.Ordinal) && line.TrimEnd().EndsWith(':') && !line[2..].Contains(' ', StringComparison.Ordinal));
}
