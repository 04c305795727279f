using System.Globalization;
using System.Text.Json.Nodes;
using Insights.Domain.Events;
using Insights.Domain.Validation;
using Microsoft.OpenApi;

namespace Insights.Server.OpenApi;

/// <summary>
/// The push items of the API reference, built from the validation schemas themselves (<see cref="EventSchemas"/>):
/// fields, types, limits, allowed values, defaults, required fields, descriptions and examples have one home.
/// </summary>
public static class EventItemSchemas
{
    /// <summary>The component name of a kind's item: <c>DeploymentItem</c>, <c>PullRequestItem</c>…</summary>
    public static string ComponentName(EventKind kind) => kind.ToString().TrimEnd('s') + "Item";

    public static OpenApiSchema Build(EventSchema schema)
    {
        var item = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = schema.Description + " Unknown fields are ignored; a number where text is expected is taken as its text; null is the same as absent.",
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal),
            Required = new HashSet<string>(schema.Fields.Where(f => f.Required).Select(f => f.Name), StringComparer.Ordinal),
            // Producers may send more than is read: unknown fields are ignored.
            AdditionalPropertiesAllowed = true,
        };
        foreach (var field in schema.Fields)
        {
            item.Properties[field.Name] = Field(field);
        }

        item.Examples = [new JsonObject(schema.Fields.Where(f => f.Example is not null).Select(f => KeyValuePair.Create(f.Name, Node(f.Example))))];
        return item;
    }

    private static OpenApiSchema Field(FieldSpec field)
    {
        var schema = field.Type switch
        {
            FieldType.Text => new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                MaxLength = field.MaxLength,
                Enum = field.AllowedValues?.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
            },
            FieldType.Instant => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
            FieldType.Date => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
            FieldType.Boolean => new OpenApiSchema { Type = JsonSchemaType.Boolean },
            FieldType.Count => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0" },
            FieldType.TextList => new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                MaxItems = field.MaxLength,
                Items = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 256 },
            },
            _ => throw new InvalidOperationException($"Unhandled field type {field.Type}."),
        };
        schema.Type |= field.Required ? 0 : JsonSchemaType.Null;
        schema.Description = field.Type switch
        {
            FieldType.Instant => Join(field.Description, "An ISO 8601 time with a zone (Z or +01:00), between 1970 and 2105; kept to the second."),
            FieldType.TextList => Join(field.Description, "In CSV: the items separated by ; or |."),
            _ => field.Description,
        };
        schema.Default = field.Default is null ? null : Node(field.Default);
        schema.Examples = field.Example is null ? null : [Node(field.Example)!];
        return schema;
    }

    private static string Join(string first, string second) => first.Length == 0 ? second : first + " " + second;

    private static JsonNode? Node(object? value) => value switch
    {
        null => null,
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        int number => JsonValue.Create(number),
        long number => JsonValue.Create(number),
        IEnumerable<string> list => new JsonArray([.. list.Select(i => (JsonNode?)JsonValue.Create(i))]),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
