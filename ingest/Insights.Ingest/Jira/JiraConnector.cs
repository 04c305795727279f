using System.Text.Json;
using Insights.Domain.Events;
using Insights.Ingest.Connectors;

namespace Insights.Ingest.Jira;

/// <summary>
/// Syncs issues updated since the last run: <c>(configured JQL) AND updated &gt;= "…" ORDER BY updated ASC</c>.
/// JQL reads times in the Jira user's time zone at minute precision, so the window starts one day
/// before the last update seen; issues read twice are simply written again (idempotent).
/// Cursor: the latest <c>updated</c> seen per query.
/// </summary>
public sealed class JiraConnector(JiraOptions options, JiraClient client) : IConnector
{
    public static readonly TimeSpan Overlap = TimeSpan.FromDays(1);

    public string Name => options.Name;

    public string Kind => options.Kind;

    public string Schedule => options.Schedule;

    public async Task<SyncResult> SyncAsync(string? cursor, ConnectorContext context, CancellationToken cancellationToken)
    {
        var now = context.Clock.GetUtcNow().UtcDateTime;
        var state = cursor is null ? new Cursor(null, null) : JsonSerializer.Deserialize<Cursor>(cursor)!;
        var initial = now.AddDays(-options.InitialDays);
        var rows = 0;

        DateTime? incidentsUpdated = state.Incidents;
        if (!string.IsNullOrWhiteSpace(options.IncidentsJql))
        {
            var incidents = new List<Incident>();
            await foreach (var issue in client.SearchAsync(Jql(options.IncidentsJql, state.Incidents, initial), context, cancellationToken).ConfigureAwait(false))
            {
                incidents.Add(JiraMapper.ToIncident(issue, options.Name, context.Catalog, options.NotChangeRelatedLabel));
                incidentsUpdated = Max(incidentsUpdated, JiraMapper.Updated(issue));
            }

            await context.WriteAsync(EventKind.Incidents, incidents, cancellationToken).ConfigureAwait(false);
            rows += incidents.Count;
        }

        DateTime? ticketsUpdated = state.Provisioning;
        if (!string.IsNullOrWhiteSpace(options.ProvisioningJql))
        {
            var requests = new List<ProvisioningRequest>();
            await foreach (var issue in client.SearchAsync(Jql(options.ProvisioningJql, state.Provisioning, initial), context, cancellationToken).ConfigureAwait(false))
            {
                requests.Add(JiraMapper.ToProvisioningRequest(issue, options.Name, context.Catalog));
                ticketsUpdated = Max(ticketsUpdated, JiraMapper.Updated(issue));
            }

            await context.WriteAsync(EventKind.ProvisioningRequests, requests, cancellationToken).ConfigureAwait(false);
            rows += requests.Count;
        }

        return new SyncResult(JsonSerializer.Serialize(new Cursor(incidentsUpdated ?? state.Incidents ?? initial, ticketsUpdated ?? state.Provisioning ?? initial)), rows);
    }

    public static string Jql(string configured, DateTime? lastUpdated, DateTime initial)
    {
        var since = lastUpdated is { } last ? last - Overlap : initial;
        return $"({configured}) AND updated >= \"{JiraDate.Jql(since)}\" ORDER BY updated ASC";
    }

    private static DateTime? Max(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private sealed record Cursor(DateTime? Incidents, DateTime? Provisioning);
}
