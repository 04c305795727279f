using System.Globalization;
using System.Text.Json;
using Insights.Domain.Events;
using Insights.Domain.Validation;

namespace Insights.Warehouse.Intake;

/// <summary>
/// Writes a validated event as one JSONEachRow line of its warehouse table: the schema's fields
/// under their own names, plus the natural key, the receipt time and the ingestion version that
/// ReplacingMergeTree uses to keep the latest copy.
/// </summary>
public static class EventRowWriter
{
    public static void Write(Utf8JsonWriter writer, NormalizedEvent e, ulong version, DateTime receivedAt)
    {
        writer.WriteStartObject();
        var fields = e.Schema.Fields;
        for (var i = 0; i < fields.Count; i++)
        {
            writer.WritePropertyName(fields[i].Name);
            WriteValue(writer, e[i] ?? EmptyValue(fields[i].Type));
        }

        switch (e.Kind)
        {
            case EventKind.PullRequests:
                writer.WriteString("id", e.Key);
                break;
            case EventKind.Deployments:
                // An in-progress deployment without start time has no time of its own yet: place it at receipt.
                writer.WriteString("occurred_at", Format(e.PartitionTime ?? receivedAt));
                break;
        }

        writer.WriteString("received_at", Format(receivedAt));
        writer.WriteNumber("_version", version);
        writer.WriteEndObject();
    }

    // TRICKY: ClickHouse 18.16 refuses JSON null for a column that is not Nullable, so absent text
    // and lists are written as their empty values; absent times, flags and counts stay null (Nullable columns).
    private static object? EmptyValue(FieldType type) => type switch
    {
        FieldType.Text => string.Empty,
        FieldType.TextList => Array.Empty<string>(),
        _ => null,
    };

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case DateTime d: writer.WriteStringValue(Format(d)); break;
            case DateOnly d: writer.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case bool b: writer.WriteNumberValue(b ? 1 : 0); break;
            case long n: writer.WriteNumberValue(n); break;
            case string[] items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    writer.WriteStringValue(item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException($"No warehouse representation for {value.GetType().Name}.");
        }
    }

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
