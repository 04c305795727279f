using System.Net;
using System.Text.Json;
using Insights.Domain.Events;
using Insights.Ingest.Connectors;
using Insights.Ingest.Http;

namespace Insights.Ingest.PagerDuty;

/// <summary>
/// Syncs incidents: those created since the last run (in windows of at most 180 days, PagerDuty's limit,
/// each read whole past PagerDuty's 10,000 paging limit), and again, one by one, the incidents still open
/// last time (they may have been resolved) and those in the quarantine. With <c>service_ids</c> each service
/// is a part of its own: one that fails (e.g. a service removed from PagerDuty) leaves the others to sync.
/// Each incident carries its first acknowledgement: while acknowledged, from the incident; once resolved,
/// from its log. Cursor: how far each listing has read, and the ids of the open incidents.
/// </summary>
public sealed class PagerDutyConnector(PagerDutyOptions options, PagerDutyClient client) : IConnector
{
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(180);

    /// <summary>Quarantined incidents read again per run (least recently tried first).</summary>
    public const int RetriesPerRun = 100;

    public const string AllServices = "all services";

    public string Name => options.Name;

    public string Kind => options.Kind;

    public string Schedule => options.Schedule;

    public async Task<SyncResult> SyncAsync(string? cursor, ConnectorContext context, CancellationToken cancellationToken)
    {
        var now = context.Clock.GetUtcNow().UtcDateTime;
        var state = cursor is null
            ? new Cursor(now.AddDays(-options.InitialDays), [], null)
            : JsonSerializer.Deserialize<Cursor>(cursor)!;
        var items = context.Items<Incident>(EventKind.Incidents, PagerDutyMapper.Fields);
        var open = new HashSet<string>(state.Open, StringComparer.Ordinal);

        var again = state.Open.Concat(context.Quarantine.ToRetry(EventKind.Incidents, RetriesPerRun)).Distinct(StringComparer.Ordinal).ToList();
        if (again.Count > 0)
        {
            await context.PartAsync("open and quarantined incidents", () => ReadAgainAsync(again, open, items, context, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        var until = state.Until;
        var services = new Dictionary<string, DateTime>(state.Services ?? [], StringComparer.Ordinal);
        if (options.ServiceIds.Count == 0)
        {
            until = await ListAsync(AllServices, [], state.Until, now, open, items, context, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            foreach (var service in options.ServiceIds.Distinct(StringComparer.Ordinal))
            {
                // A cursor from before per-service listings goes on from its one watermark; a service added later starts a first sync of its own.
                var since = services.TryGetValue(service, out var reached) ? reached
                    : state.Services is null ? state.Until
                    : now.AddDays(-options.InitialDays);
                services[service] = await ListAsync($"service {service}", [service], since, now, open, items, context, cancellationToken).ConfigureAwait(false);
            }
        }

        var next = new Cursor(until, [.. open.Order(StringComparer.Ordinal)], services.Count > 0 ? services : null);
        return new SyncResult(JsonSerializer.Serialize(next), context.Rows);
    }

    /// <summary>Lists the incidents created in [since, now) as one part; returns how far it read (all the way, or to the last incident read before it failed).</summary>
    private async Task<DateTime> ListAsync(
        string part, IReadOnlyList<string> serviceIds, DateTime since, DateTime now, HashSet<string> open, SourceItems<Incident> items, ConnectorContext context, CancellationToken cancellationToken)
    {
        var reached = since;
        await context.PartAsync(part, async () =>
        {
            for (var from = since; from < now; from = reached)
            {
                var until = from + MaxWindow < now ? from + MaxWindow : now;
                var stage = $"incidents of {part} created {from:yyyy-MM-dd HH:mm} – {until:yyyy-MM-dd HH:mm}";
                await foreach (var page in client.IncidentsAsync(from, until, serviceIds, context, cancellationToken).ConfigureAwait(false))
                {
                    foreach (var incident in page.Incidents)
                    {
                        await AddAsync(incident, open, items, context, cancellationToken).ConfigureAwait(false);
                    }

                    await items.FlushAsync(cancellationToken).ConfigureAwait(false);
                    await context.Progress.PageAsync(stage, page.Incidents.Count, page.Total, cancellationToken).ConfigureAwait(false);
                    // Sorted by creation: a later failure resumes from the last incident read (read again, harmlessly).
                    if (page.Incidents.Select(Created).LastOrDefault(c => c is not null) is { } last && last > reached)
                    {
                        reached = last;
                    }
                }

                reached = until;
            }
        }, cancellationToken).ConfigureAwait(false);
        return reached;
    }

    private async Task ReadAgainAsync(List<string> ids, HashSet<string> open, SourceItems<Incident> items, ConnectorContext context, CancellationToken cancellationToken)
    {
        var failed = new List<string>();
        foreach (var id in ids)
        {
            try
            {
                if (await client.IncidentAsync(id, context, cancellationToken).ConfigureAwait(false) is { } incident)
                {
                    await AddAsync(incident, open, items, context, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    // Gone from PagerDuty (or out of the key's reach): nothing left to follow.
                    open.Remove(id);
                    context.Quarantine.Release(EventKind.Incidents, id);
                }
            }
            catch (Exception ex) when (ex is SourceHttpException { Status: not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) } or SourceResponseException)
            {
                // This incident stays open (or quarantined) and is tried again next run; the others go on.
                failed.Add($"{id}: {ex.Message}");
            }
        }

        await items.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (failed.Count > 0)
        {
            throw new SourceResponseException($"{failed.Count} of {ids.Count} incidents could not be read again, e.g. {failed[0]}");
        }
    }

    /// <summary>Maps one incident with its first acknowledgement, and follows it while it is open.</summary>
    private async Task AddAsync(JsonElement incident, HashSet<string> open, SourceItems<Incident> items, ConnectorContext context, CancellationToken cancellationToken)
    {
        var key = PagerDutyMapper.KeyOrHash(incident);
        DateTime? acknowledged = null;
        try
        {
            acknowledged = PagerDutyMapper.Status(incident) switch
            {
                "acknowledged" => PagerDutyMapper.CurrentAcknowledgement(incident),
                "resolved" when options.ReadAcknowledgements => await client.FirstAcknowledgementAsync(key, context, cancellationToken).ConfigureAwait(false),
                _ => null,
            };
        }
        catch (SourceItemException ex)
        {
            items.Hold(key, ex.Field, ex.Reason, incident);
            return;
        }
        catch (Exception ex) when (ex is SourceHttpException { Status: not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) } or SourceResponseException)
        {
            // Its log could not be read: the incident waits in the quarantine and is read again next run.
            items.Hold(key, "log_entries", ex.Message, incident);
            return;
        }

        if (items.Add(key, incident, () => PagerDutyMapper.ToIncident(incident, context.Catalog, acknowledged)) && PagerDutyMapper.IsOpen(incident))
        {
            open.Add(key);
        }
        else
        {
            open.Remove(key);
        }
    }

    private static DateTime? Created(JsonElement incident)
    {
        try
        {
            return VendorJson.Time(incident, VendorJson.Iso, "created_at");
        }
        catch (SourceItemException)
        {
            return null;
        }
    }

    /// <param name="Until">How far the account-wide listing has read (and where a newly configured service starts).</param>
    /// <param name="Services">With service_ids: how far each service's listing has read.</param>
    private sealed record Cursor(DateTime Until, IReadOnlyList<string> Open, Dictionary<string, DateTime>? Services);
}
