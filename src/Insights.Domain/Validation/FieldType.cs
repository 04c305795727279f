namespace Insights.Domain.Validation;

/// <summary>The value types an ingested field can have.</summary>
public enum FieldType
{
    /// <summary>A string (trimmed; empty counts as absent).</summary>
    Text,

    /// <summary>An ISO-8601 instant with a zone (<c>2026-03-02T14:05:00Z</c>), stored as UTC seconds.</summary>
    Instant,

    /// <summary>A calendar date <c>YYYY-MM-DD</c>.</summary>
    Date,

    Boolean,

    /// <summary>A non-negative whole number.</summary>
    Count,

    /// <summary>An array of strings.</summary>
    TextList,
}
