using System.Text.Json;
using System.Text.Json.Serialization;

namespace Insights.Server.Grafana;

/// <summary>
/// The JSON of the Grafana datasource protocol: camelCase (<c>refId</c>, <c>intervalMs</c>), unlike
/// the rest of the API (snake_case, <see cref="Insights.Domain.Json.ApiJson"/>). Absent optional
/// properties are left out; nulls inside datapoints and rows are kept (gaps).
/// </summary>
public static class GrafanaJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
