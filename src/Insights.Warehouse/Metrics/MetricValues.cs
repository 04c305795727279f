using System.Collections;

namespace Insights.Warehouse.Metrics;

/// <summary>The figures of a summary or of one period, by their API names, in a stable order.</summary>
public sealed class MetricValues : IReadOnlyDictionary<string, object?>
{
    private readonly List<KeyValuePair<string, object?>> _entries = [];

    public double? Value => Number("value");

    /// <summary>How many items the value is computed from (null when suppressed).</summary>
    public long? N => this["n"] switch { long n => n, double d => (long)d, _ => null };

    public double? P50 => Number("p50");

    public double? P75 => Number("p75");

    public double? P90 => Number("p90");

    public string? Band => this["band"] as string;

    public bool LowSample => this["low_sample"] is true;

    public bool Suppressed => this["suppressed"] is true;

    public DateOnly? PeriodStart => this["period_start"] as DateOnly?;

    public int Count => _entries.Count;

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IEnumerable<object?> Values => _entries.Select(e => e.Value);

    public object? this[string key]
    {
        get => TryGetValue(key, out var value) ? value : null;
        set
        {
            var index = _entries.FindIndex(e => e.Key == key);
            if (index >= 0)
            {
                _entries[index] = new(key, value);
            }
            else
            {
                _entries.Add(new(key, value));
            }
        }
    }

    public double? Number(string key) => this[key] switch
    {
        double d => d,
        long l => l,
        int i => i,
        _ => null,
    };

    public bool ContainsKey(string key) => _entries.Exists(e => e.Key == key);

    public bool TryGetValue(string key, out object? value)
    {
        var index = _entries.FindIndex(e => e.Key == key);
        value = index >= 0 ? _entries[index].Value : null;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
