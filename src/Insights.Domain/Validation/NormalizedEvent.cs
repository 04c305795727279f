using Insights.Domain.Events;

namespace Insights.Domain.Validation;

/// <summary>
/// An event that passed validation: every value typed and normalized (instants in UTC, text
/// trimmed, defaults applied), in the order of its schema's fields.
/// </summary>
public sealed class NormalizedEvent
{
    private readonly object?[] _values;

    internal NormalizedEvent(EventSchema schema, object?[] values)
    {
        Schema = schema;
        _values = values;
    }

    public EventSchema Schema { get; }

    public EventKind Kind => Schema.Kind;

    public object? this[int index] => _values[index];

    public object? this[string field] => _values[Schema.IndexOf(field)];

    public string Source => (string)this["source"]!;

    /// <summary>The natural key within the source (e.g. <c>org/repo#42</c> for a pull request).</summary>
    public string Key => Schema.KeyOf(this);

    /// <summary>
    /// The time that places the row in a monthly partition; chosen from fields that do not change
    /// between versions of one event, so re-sent versions land in the same partition.
    /// </summary>
    public DateTime? PartitionTime => Schema.PartitionTimeOf(this);

    public IReadOnlyList<object?> Values => _values;
}
