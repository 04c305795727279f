using System.Text.Json;
using Insights.Domain.Events;
using Insights.Ingest.Connectors;

namespace Insights.Ingest.Jira;

/// <summary>
/// Syncs issues updated since the last run: <c>(configured JQL) AND updated &gt;= "…" ORDER BY updated ASC</c>,
/// one part per query (incidents, provisioning requests), so a query that fails leaves the other to sync.
/// JQL reads times in the Jira user's time zone at minute precision, so the window starts one day
/// before the last update seen; issues read twice are simply written again (idempotent). A query that
/// fails on a later page keeps what its earlier pages reached (they are sorted by update). Issues that
/// cannot be mapped go to the quarantine and are read again, by key, on later runs.
/// Cursor: the latest <c>updated</c> seen per query.
/// </summary>
public sealed class JiraConnector(JiraOptions options, JiraClient client) : IConnector
{
    public static readonly TimeSpan Overlap = TimeSpan.FromDays(1);

    /// <summary>Quarantined issues read again per run and query (least recently tried first).</summary>
    public const int RetriesPerRun = 100;

    public string Name => options.Name;

    public string Kind => options.Kind;

    public string Schedule => options.Schedule;

    public async Task<SyncResult> SyncAsync(string? cursor, ConnectorContext context, CancellationToken cancellationToken)
    {
        var now = context.Clock.GetUtcNow().UtcDateTime;
        var state = cursor is null ? new Cursor(null, null) : JsonSerializer.Deserialize<Cursor>(cursor)!;
        var initial = now.AddDays(-options.InitialDays);

        var incidents = new Query<Incident>(
            "incidents", options.IncidentsJql, EventKind.Incidents, JiraMapper.IncidentFields(options.SeverityField),
            issue => JiraMapper.ToIncident(issue, options, context.Catalog));
        var requests = new Query<ProvisioningRequest>(
            "provisioning requests", options.ProvisioningJql, EventKind.ProvisioningRequests, JiraMapper.ProvisioningFields,
            issue => JiraMapper.ToProvisioningRequest(issue, options, context.Catalog));

        var incidentsUpdated = await incidents.SyncAsync(client, state.Incidents, initial, context, cancellationToken).ConfigureAwait(false);
        var ticketsUpdated = await requests.SyncAsync(client, state.Provisioning, initial, context, cancellationToken).ConfigureAwait(false);
        return new SyncResult(JsonSerializer.Serialize(new Cursor(incidentsUpdated ?? state.Incidents ?? initial, ticketsUpdated ?? state.Provisioning ?? initial)), context.Rows);
    }

    public static string Jql(string configured, DateTime? lastUpdated, DateTime initial)
    {
        var since = lastUpdated is { } last ? last - Overlap : initial;
        return $"({configured}) AND updated >= \"{JiraDate.Jql(since)}\" ORDER BY updated ASC";
    }

    private sealed record Cursor(DateTime? Incidents, DateTime? Provisioning);

    /// <summary>One configured JQL query and what its issues become.</summary>
    private sealed class Query<T>(string what, string? jql, EventKind kind, IReadOnlyDictionary<string, string> vendorFields, Func<JsonElement, T> map)
        where T : notnull
    {
        /// <returns>The latest update read (also when a later page failed), or null when nothing was read.</returns>
        public async Task<DateTime?> SyncAsync(JiraClient client, DateTime? since, DateTime initial, ConnectorContext context, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(jql))
            {
                return null;
            }

            var items = context.Items<T>(kind, vendorFields);
            if (context.Quarantine.ToRetry(kind, 1).Count > 0)
            {
                await context.PartAsync($"quarantined {what}", () => RetryAsync(client, items, context, cancellationToken), cancellationToken).ConfigureAwait(false);
            }

            DateTime? newest = null;
            var query = Jql(jql, since, initial);
            await context.PartAsync($"{what} ({jql})", async () =>
            {
                await foreach (var page in client.SearchAsync(query, context, cancellationToken).ConfigureAwait(false))
                {
                    foreach (var issue in page.Issues)
                    {
                        items.Add(JiraMapper.KeyOrHash(issue), issue, () => map(issue));
                        newest = Max(newest, JiraMapper.Updated(issue));
                    }

                    await items.FlushAsync(cancellationToken).ConfigureAwait(false);
                    await context.Progress.PageAsync($"{what}: {query}", page.Issues.Count, page.Total, cancellationToken).ConfigureAwait(false);
                }
            }, cancellationToken).ConfigureAwait(false);
            return newest;
        }

        /// <summary>Reads each quarantined issue again: valid now → written (and released); gone → released.</summary>
        private async Task RetryAsync(JiraClient client, SourceItems<T> items, ConnectorContext context, CancellationToken cancellationToken)
        {
            foreach (var key in context.Quarantine.ToRetry(kind, RetriesPerRun))
            {
                if (await client.IssueAsync(key, context, cancellationToken).ConfigureAwait(false) is { } issue)
                {
                    items.Add(key, issue, () => map(issue));
                }
                else
                {
                    context.Quarantine.Release(kind, key);
                }
            }

            await items.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        private static DateTime? Max(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;
    }
}
