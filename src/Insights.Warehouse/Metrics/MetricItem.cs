using System.Collections;

namespace Insights.Warehouse.Metrics;

/// <summary>
/// One row behind a metric, in the shape of the public API (docs/api.md, items): kind, id, source,
/// service, team, at, counted, value, reason, explanation, then the metric's own fields (its manifest's
/// columns), in that order.
/// </summary>
public sealed class MetricItem : IReadOnlyDictionary<string, object?>
{
    private readonly List<KeyValuePair<string, object?>> _fields;

    public MetricItem(List<KeyValuePair<string, object?>> fields) => _fields = fields;

    public string Kind => (string)this["kind"]!;

    public string Id => (string)this["id"]!;

    public string Source => (string)this["source"]!;

    public string Service => (string)this["service"]!;

    public string Team => (string)this["team"]!;

    public DateTime At => (DateTime)this["at"]!;

    public bool Counted => (bool)this["counted"]!;

    /// <summary>What it contributes, in the metric's unit, unrounded (null when it does not count).</summary>
    public double? Value => this["value"] as double?;

    public string? Reason => this["reason"] as string;

    public string? Explanation => this["explanation"] as string;

    public MetricItemKey Key => new(At, Kind, Source, Id);

    public int Count => _fields.Count;

    public IEnumerable<string> Keys => _fields.Select(f => f.Key);

    public IEnumerable<object?> Values => _fields.Select(f => f.Value);

    public object? this[string key] => TryGetValue(key, out var value) ? value : null;

    public bool ContainsKey(string key) => _fields.Exists(f => f.Key == key);

    public bool TryGetValue(string key, out object? value)
    {
        var index = _fields.FindIndex(f => f.Key == key);
        value = index >= 0 ? _fields[index].Value : null;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _fields.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
