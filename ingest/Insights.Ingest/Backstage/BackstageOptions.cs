using Insights.Ingest.Connectors;

namespace Insights.Ingest.Backstage;

/// <summary>A Backstage catalog (YAML <c>sources.backstage[]</c>).</summary>
public sealed class BackstageOptions : SourceOptions
{
    public override IEnumerable<string?> SecretVariables => [TokenEnv];

    public override string Kind => "backstage";

    public string BaseUrl { get; set; } = "";

    /// <summary>Environment variable holding a Backstage token (optional for open catalogs).</summary>
    public string? TokenEnv { get; set; }

    public string Filter { get; set; } = "kind=component,spec.type=service";

    public int PageSize { get; set; } = 200;

    public BackstageOptions() => Schedule = "0 * * * *";

    public override IEnumerable<(string Field, string Problem)> Problems() => base.Problems().Concat(Required("base_url", BaseUrl));
}
