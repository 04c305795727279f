using System.Text.Json;
using Insights.Domain.Events;
using Insights.Domain.Json;
using Insights.Domain.Validation;
using Insights.Ingest.Quarantine;
using Microsoft.Extensions.Logging;

namespace Insights.Ingest.Connectors;

/// <summary>
/// Vendor items of one kind on their way to the warehouse. Each is mapped and validated as it is added:
/// an item the mapper cannot read, or whose event the schema refuses, goes to the quarantine naming its
/// key and field, and the sync goes on. <see cref="FlushAsync"/> writes the valid ones and releases from
/// the quarantine those that were held (the vendor's copy is valid now).
/// </summary>
public sealed class SourceItems<T>
    where T : notnull
{
    private readonly ConnectorContext _context;
    private readonly EventKind _kind;
    private readonly IReadOnlyDictionary<string, string> _vendorFields;
    private readonly Dictionary<string, JsonElement> _pending = new(StringComparer.Ordinal);

    internal SourceItems(ConnectorContext context, EventKind kind, IReadOnlyDictionary<string, string>? vendorFields)
    {
        _context = context;
        _kind = kind;
        _vendorFields = vendorFields ?? new Dictionary<string, string>();
    }

    /// <summary>Maps one item read as JSON (<paramref name="raw"/> is what the quarantine keeps if it fails).</summary>
    /// <returns>True when the item is valid and will be written.</returns>
    public bool Add(string key, JsonElement raw, Func<T> map) =>
        Add(key, () => RawItem.Of(raw, _context.Quarantine.Secrets), map);

    /// <summary>Maps one item read through a client library; <paramref name="raw"/> describes it for the quarantine.</summary>
    public bool Add(string key, Func<object> raw, Func<T> map) =>
        Add(key, () => RawItem.Of(raw(), _context.Quarantine.Secrets), map);

    /// <summary>Quarantines an item that could not even be fetched (e.g. one of its details answered an error).</summary>
    public void Hold(string key, string field, string reason, object raw)
    {
        _pending.Remove(key);
        _context.Quarantine.Hold(_kind, key, field, reason, RawItem.Of(raw, _context.Quarantine.Secrets));
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count > 0)
        {
            await _context.WriteJsonAsync(_kind, _pending.Values.ToList(), cancellationToken).ConfigureAwait(false);
            foreach (var key in _pending.Keys)
            {
                _context.Quarantine.Release(_kind, key);
            }

            _pending.Clear();
        }

        await _context.Quarantine.SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    private bool Add(string key, Func<(string Text, bool Truncated)> raw, Func<T> map)
    {
        JsonElement json;
        try
        {
            json = JsonSerializer.SerializeToElement(map(), ApiJson.Options);
        }
        catch (SourceItemException ex)
        {
            return Quarantine(key, ex.Field, ex.Reason, raw);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A mapper is pure: whatever it throws is about this item's shape, not about the source.
            return Quarantine(key, "$", $"could not be read: {ex.GetType().Name}: {ex.Message}", raw);
        }

        if (!EventValidator.TryValidate(EventSchemas.For(_kind), json, out _, out var errors))
        {
            var problems = errors.ToDictionary();
            var first = problems.Keys.First();
            var reason = string.Join("; ", problems.Select(p => $"{Named(p.Key)} {string.Join(' ', p.Value)}"));
            return Quarantine(key, _vendorFields.GetValueOrDefault(first) ?? first, reason, raw);
        }

        _pending[key] = json;
        return true;
    }

    private bool Quarantine(string key, string field, string reason, Func<(string Text, bool Truncated)> raw)
    {
        _pending.Remove(key);
        _context.Quarantine.Hold(_kind, key, field, reason, raw());
        _context.Logger.LogWarning("Quarantined {Kind} {Key}: {Field}: {Reason}", _kind.Route(), key, field, reason);
        return false;
    }

    /// <summary><c>resolved_at (fields.resolutiondate)</c>: our field, and where the vendor keeps it.</summary>
    private string Named(string field) =>
        _vendorFields.TryGetValue(field, out var vendor) ? $"{field} ({vendor})" : field;
}
