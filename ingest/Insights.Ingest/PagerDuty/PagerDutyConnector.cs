using System.Text.Json;
using Insights.Domain.Events;
using Insights.Ingest.Connectors;

namespace Insights.Ingest.PagerDuty;

/// <summary>
/// Syncs incidents: those created since the last run (in windows of at most 180 days, PagerDuty's limit),
/// and fetches again, one by one, the incidents still open last time (they may have been resolved).
/// Cursor: the end of the last window and the ids of the open incidents.
/// </summary>
public sealed class PagerDutyConnector(PagerDutyOptions options, PagerDutyClient client) : IConnector
{
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(180);

    public string Name => options.Name;

    public string Kind => options.Kind;

    public string Schedule => options.Schedule;

    public async Task<SyncResult> SyncAsync(string? cursor, ConnectorContext context, CancellationToken cancellationToken)
    {
        var now = context.Clock.GetUtcNow().UtcDateTime;
        var state = cursor is null
            ? new Cursor(now.AddDays(-options.InitialDays), [])
            : JsonSerializer.Deserialize<Cursor>(cursor)!;
        var incidents = new Dictionary<string, Incident>(StringComparer.Ordinal);
        var open = new HashSet<string>(StringComparer.Ordinal);

        foreach (var id in state.Open)
        {
            var incident = await client.IncidentAsync(id, context, cancellationToken).ConfigureAwait(false);
            incidents[id] = PagerDutyMapper.ToIncident(incident, context.Catalog);
            if (PagerDutyMapper.IsOpen(incident))
            {
                open.Add(id);
            }
        }

        for (var since = state.Until; since < now; since += MaxWindow)
        {
            var until = since + MaxWindow < now ? since + MaxWindow : now;
            await foreach (var incident in client.IncidentsAsync(since, until, context, cancellationToken).ConfigureAwait(false))
            {
                var mapped = PagerDutyMapper.ToIncident(incident, context.Catalog);
                incidents[mapped.Id] = mapped;
                if (PagerDutyMapper.IsOpen(incident))
                {
                    open.Add(mapped.Id);
                }
                else
                {
                    open.Remove(mapped.Id);
                }
            }
        }

        await context.WriteAsync(EventKind.Incidents, incidents.Values, cancellationToken).ConfigureAwait(false);
        return new SyncResult(JsonSerializer.Serialize(new Cursor(now, [.. open.Order(StringComparer.Ordinal)])), incidents.Count);
    }

    private sealed record Cursor(DateTime Until, IReadOnlyList<string> Open);
}
