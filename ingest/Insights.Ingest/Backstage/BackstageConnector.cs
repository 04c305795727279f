using System.Text.Json;
using Insights.Domain.Events;
using Insights.Ingest.Connectors;

namespace Insights.Ingest.Backstage;

/// <summary>
/// Syncs services from a Backstage catalog. The catalog API has no "changed since" filter, so every
/// run reads the catalog (paged); only entities whose etag changed since the last run are written.
/// Cursor: entity ref → etag.
/// </summary>
public sealed class BackstageConnector(BackstageOptions options, BackstageClient client) : IConnector
{
    public string Name => options.Name;

    public string Kind => options.Kind;

    public string Schedule => options.Schedule;

    public async Task<SyncResult> SyncAsync(string? cursor, ConnectorContext context, CancellationToken cancellationToken)
    {
        var known = cursor is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(cursor) ?? [];
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var changed = new List<CatalogService>();
        await foreach (var entity in client.EntitiesAsync(context, cancellationToken).ConfigureAwait(false))
        {
            var reference = BackstageMapper.EntityRef(entity);
            var version = BackstageMapper.Version(entity);
            seen[reference] = version;
            if (known.GetValueOrDefault(reference) != version && BackstageMapper.ToService(entity, options.Name) is { } service)
            {
                changed.Add(service);
            }
        }

        await context.WriteAsync(EventKind.Services, changed, cancellationToken).ConfigureAwait(false);
        return new SyncResult(JsonSerializer.Serialize(seen), changed.Count);
    }
}
