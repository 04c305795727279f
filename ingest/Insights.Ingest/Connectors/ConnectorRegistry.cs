using Insights.Ingest.Backstage;
using Insights.Ingest.GitHub;
using Insights.Ingest.HrCsv;
using Insights.Ingest.Jira;
using Insights.Ingest.PagerDuty;
using Microsoft.Extensions.Options;

namespace Insights.Ingest.Connectors;

/// <summary>The connectors of the configured sources, by name.</summary>
public sealed class ConnectorRegistry
{
    private readonly Dictionary<string, Func<IConnector>> _factories = new(StringComparer.Ordinal);

    private readonly SecretResolver _secrets;

    public ConnectorRegistry(IOptions<SourcesOptions> options, IHttpClientFactory http, SecretResolver secrets)
    {
        _secrets = secrets;
        var sources = options.Value;
        foreach (var source in sources.GitHub)
        {
            _factories[source.Name] = () => new GitHubConnector(source, secrets);
        }

        foreach (var source in sources.Jira)
        {
            _factories[source.Name] = () => new JiraConnector(source, new JiraClient(http.CreateClient("jira"), source, secrets));
        }

        foreach (var source in sources.PagerDuty)
        {
            _factories[source.Name] = () => new PagerDutyConnector(source, new PagerDutyClient(http.CreateClient("pagerduty"), source, secrets));
        }

        foreach (var source in sources.Backstage)
        {
            _factories[source.Name] = () => new BackstageConnector(source, new BackstageClient(http.CreateClient("backstage"), source, secrets));
        }

        foreach (var source in sources.HrCsv)
        {
            _factories[source.Name] = () => new HrCsvConnector(source);
        }

        Sources = sources.All.ToList();
    }

    public IReadOnlyList<SourceOptions> Sources { get; }

    public bool Contains(string name) => _factories.ContainsKey(name);

    /// <summary>The values of a source's secrets (those that are set), so that what it stores can be kept free of them.</summary>
    public IReadOnlyCollection<string> SecretsOf(string name) =>
        Sources.FirstOrDefault(s => s.Name == name) is { } source
            ? source.SecretVariables.Select(_secrets.ResolveOptional).OfType<string>().ToList()
            : [];

    public IConnector Get(string name) =>
        _factories.TryGetValue(name, out var factory)
            ? factory()
            : throw new KeyNotFoundException($"No source named '{name}' is configured.");
}
