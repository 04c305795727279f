using Insights.Domain.Events;

namespace Insights.Domain.Validation;

/// <summary>The fields of one event kind and the rules that span several of them.</summary>
public sealed class EventSchema
{
    private readonly Dictionary<string, int> _index;
    private readonly Func<NormalizedEvent, string> _key;
    private readonly Func<NormalizedEvent, DateTime?> _partitionTime;
    private readonly Action<Func<string, object?>, ValidationErrors> _crossChecks;

    public EventSchema(
        EventKind kind,
        IReadOnlyList<FieldSpec> fields,
        Func<NormalizedEvent, string> key,
        Func<NormalizedEvent, DateTime?> partitionTime,
        Action<Func<string, object?>, ValidationErrors>? crossChecks = null,
        string description = "")
    {
        Kind = kind;
        Description = description;
        Fields = fields;
        _index = fields.Select((f, i) => (f.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        _key = key;
        _partitionTime = partitionTime;
        _crossChecks = crossChecks ?? ((_, _) => { });
    }

    public EventKind Kind { get; }

    /// <summary>What one item of this kind is, and the rules that span fields (for the API reference).</summary>
    public string Description { get; }

    public IReadOnlyList<FieldSpec> Fields { get; }

    public int IndexOf(string field) =>
        _index.TryGetValue(field, out var i) ? i : throw new ArgumentException($"{Kind} has no field '{field}'.", nameof(field));

    public bool TryGetIndex(string field, out int index) => _index.TryGetValue(field, out index);

    public string KeyOf(NormalizedEvent e) => _key(e);

    public DateTime? PartitionTimeOf(NormalizedEvent e) => _partitionTime(e);

    internal void CheckAcrossFields(Func<string, object?> value, ValidationErrors errors) => _crossChecks(value, errors);
}
