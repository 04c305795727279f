namespace Insights.Domain.Validation;

/// <summary>One field of an event kind: its API name (also its warehouse column) and its rules.</summary>
public sealed record FieldSpec(string Name, FieldType Type, bool Required = false)
{
    /// <summary>Longest accepted text (characters) or list (items).</summary>
    public int MaxLength { get; init; } = 512;

    /// <summary>When set, the only accepted values (compared exactly).</summary>
    public IReadOnlyList<string>? AllowedValues { get; init; }

    /// <summary>The value stored when the field is absent.</summary>
    public object? Default { get; init; }

    /// <summary>A further rule on a text value: the reason it is refused, or null when it is fine.</summary>
    public Func<string, string?>? Check { get; init; }

    /// <summary>What the field means, for the API reference (the OpenAPI document is built from these schemas).</summary>
    public string Description { get; init; } = "";

    /// <summary>A typical value, as a pushed item would carry it.</summary>
    public object? Example { get; init; }
}
