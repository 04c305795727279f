using Insights.Ingest.Connectors;

namespace Insights.Ingest.GitHub;

/// <summary>GitHub or GitHub Enterprise repositories (YAML <c>sources.github[]</c>).</summary>
public sealed class GitHubOptions : SourceOptions
{
    public override IEnumerable<string?> SecretVariables => [TokenEnv];

    public override string Kind => "github";

    /// <summary>The REST API root: https://api.github.com/ or, for GitHub Enterprise Server, https://HOST/api/v3/.</summary>
    public string BaseUrl { get; set; } = "https://api.github.com/";

    /// <summary>Environment variable holding a token (classic: repo; fine-grained: deployments, pull requests, contents — read).</summary>
    public string TokenEnv { get; set; } = "";

    /// <summary>Every repository of these organisations.</summary>
    public List<string> Organizations { get; set; } = [];

    /// <summary>These repositories (<c>org/repo</c>).</summary>
    public List<string> Repositories { get; set; } = [];

    /// <summary>How far back the first sync reads pull requests and deployments.</summary>
    public int InitialDays { get; set; } = 90;

    public override IEnumerable<(string Field, string Problem)> Problems()
    {
        foreach (var problem in base.Problems().Concat(Required("token_env", TokenEnv)))
        {
            yield return problem;
        }

        if (Organizations.Count == 0 && Repositories.Count == 0)
        {
            yield return ("repositories", "or organizations is required: the source has nothing to read");
        }

        foreach (var repository in Repositories.Where(r => r.Split('/').Length != 2))
        {
            yield return ("repositories", $"'{repository}' is not of the form org/repo");
        }
    }
}
