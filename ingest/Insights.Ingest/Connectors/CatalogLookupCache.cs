using Insights.Warehouse.Metrics;

namespace Insights.Ingest.Connectors;

/// <summary>The catalog lookup for webhooks, which arrive one by one: refreshed at most once a minute.</summary>
public sealed class CatalogLookupCache(CatalogQueries catalog, TimeProvider clock)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (CatalogLookup Lookup, DateTimeOffset At)? _current;

    public async Task<CatalogLookup> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current && clock.GetUtcNow() - current.At < Fresh)
        {
            return current.Lookup;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } again && clock.GetUtcNow() - again.At < Fresh)
            {
                return again.Lookup;
            }

            var lookup = await CatalogLookup.LoadAsync(catalog, cancellationToken).ConfigureAwait(false);
            _current = (lookup, clock.GetUtcNow());
            return lookup;
        }
        finally
        {
            _refresh.Release();
        }
    }
}
