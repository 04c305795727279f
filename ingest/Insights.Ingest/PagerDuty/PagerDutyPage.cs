using System.Text.Json;

namespace Insights.Ingest.PagerDuty;

/// <summary>One page of <c>GET /incidents</c>: its incidents, and how many the listing holds when PagerDuty says (<c>total=true</c>).</summary>
public sealed record PagerDutyPage(IReadOnlyList<JsonElement> Incidents, long? Total);
