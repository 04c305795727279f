using System.Text.Json;
using Insights.Domain.Events;
using Insights.Domain.Json;
using Insights.Domain.Metrics;
using Insights.Domain.Validation;
using Insights.Warehouse.Buffers;
using Microsoft.Extensions.Options;

namespace Insights.Warehouse.Intake;

/// <summary>
/// The one write path for events, whoever sends them (push API, webhooks, connectors, the demo):
/// validate each item, store the valid ones durably, report the rest by index, and warn about stored
/// items that will not count as sent (<see cref="CatalogWarnings"/>, when a catalog is at hand).
/// </summary>
public sealed class EventIngestor(
    EventSpool spool,
    IngestVersion versions,
    TimeProvider clock,
    IngestMetrics? metrics = null,
    IngestCatalog? catalog = null,
    IOptionsMonitor<MetricsOptions>? metricsOptions = null)
{
    /// <summary>
    /// Validates and stores <paramref name="items"/>; an item given as a <see cref="ValidationErrors"/>
    /// (e.g. a line that was not JSON) is reported as rejected at its position.
    /// </summary>
    public async Task<IngestResult> IngestAsync(EventKind kind, IEnumerable<IngestItem> items, CancellationToken cancellationToken = default)
    {
        var schema = EventSchemas.For(kind);
        var receivedAt = clock.GetUtcNow().UtcDateTime;
        var rejected = new List<RejectedItem>();
        var warnings = new IngestWarnings();
        var snapshot = catalog is not null && kind is not (EventKind.Services or EventKind.Engineers)
            ? await catalog.CurrentAsync(cancellationToken).ConfigureAwait(false)
            : null;
        IReadOnlyList<string> production = snapshot is null ? [] : (metricsOptions?.CurrentValue ?? new MetricsOptions()).ProductionEnvironmentNames;
        var services = kind == EventKind.Services && catalog is not null ? new List<NormalizedEvent>() : null;
        using var buffer = new PooledBufferWriter(256 * 1024);
        var accepted = 0;
        await using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            var index = 0;
            foreach (var item in items)
            {
                NormalizedEvent? normalized = null;
                ValidationErrors? errors = item.Errors;
                if (errors is null)
                {
                    var valid = item.Text is { } text
                        ? EventValidator.TryValidate(schema, text, out normalized, out errors)
                        : EventValidator.TryValidate(schema, item.Json, out normalized, out errors);
                    if (!valid)
                    {
                        normalized = null;
                    }
                }

                if (normalized is not null)
                {
                    EventRowWriter.Write(writer, normalized, versions.Next(), receivedAt);
                    writer.Flush();
                    buffer.Write("\n"u8);
                    writer.Reset();
                    accepted++;
                    if (snapshot is not null)
                    {
                        CatalogWarnings.Check(normalized, index, snapshot, production, warnings);
                    }

                    services?.Add(normalized);
                }
                else
                {
                    rejected.Add(new RejectedItem(index, errors!.ToDictionary()));
                }

                index++;
            }
        }

        if (accepted > 0)
        {
            await spool.AppendAsync(kind.Table(), buffer.WrittenMemory, accepted, cancellationToken).ConfigureAwait(false);
            if (services is not null)
            {
                catalog!.Remember(services);
            }
        }

        metrics?.Accepted(kind.Route(), accepted);
        if (rejected.Count > 0)
        {
            metrics?.Rejected(kind.Route(), rejected.Count);
        }

        return new IngestResult(accepted, rejected) { Warnings = warnings.Listed, WarningCount = warnings.Count };
    }

    /// <summary>Stores typed records (connectors, the demo) through the same validation as a push.</summary>
    public Task<IngestResult> IngestRecordsAsync<T>(EventKind kind, IEnumerable<T> records, CancellationToken cancellationToken = default) =>
        IngestAsync(kind, records.Select(r => IngestItem.FromJson(JsonSerializer.SerializeToElement(r, ApiJson.Options))), cancellationToken);
}

/// <summary>One item of a batch: a JSON value, a text row (CSV), or an error found while reading it.</summary>
public readonly record struct IngestItem(JsonElement Json, IReadOnlyDictionary<string, string?>? Text, ValidationErrors? Errors)
{
    public static IngestItem FromJson(JsonElement json) => new(json, null, null);

    public static IngestItem FromText(IReadOnlyDictionary<string, string?> row) => new(default, row, null);

    public static IngestItem Unreadable(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return new IngestItem(default, null, errors);
    }
}
