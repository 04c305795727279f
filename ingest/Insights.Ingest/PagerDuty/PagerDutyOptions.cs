using Insights.Ingest.Connectors;

namespace Insights.Ingest.PagerDuty;

/// <summary>A PagerDuty account (YAML <c>sources.pagerduty[]</c>).</summary>
public sealed class PagerDutyOptions : SourceOptions
{
    public override IEnumerable<string?> SecretVariables => [TokenEnv];

    public override string Kind => "pagerduty";

    public string BaseUrl { get; set; } = "https://api.pagerduty.com";

    /// <summary>Environment variable holding a REST API key (read-only is enough).</summary>
    public string TokenEnv { get; set; } = "";

    /// <summary>Only these PagerDuty services; all when empty.</summary>
    public List<string> ServiceIds { get; set; } = [];

    /// <summary>
    /// Read each resolved incident's log for its first acknowledgement (one request per incident; PagerDuty
    /// keeps acknowledgements on the incident only while it is acknowledged).
    /// </summary>
    public bool ReadAcknowledgements { get; set; } = true;

    /// <summary>How far back the first sync reads.</summary>
    public int InitialDays { get; set; } = 90;

    public override IEnumerable<(string Field, string Problem)> Problems() => base.Problems().Concat(Required("token_env", TokenEnv));
}
