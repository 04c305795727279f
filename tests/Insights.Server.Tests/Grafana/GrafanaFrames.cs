using System.Text.Json;

namespace Insights.Server.Tests.Grafana;

/// <summary>
/// What Grafana can draw from a /query answer (its toDataFrame): an array whose items are time
/// series <c>{target, datapoints: [[value|null, epoch_ms]]}</c> or tables
/// <c>{type: "table", columns: [{text, type}], rows}</c> with one cell per column of the column's type.
/// </summary>
public static class GrafanaFrames
{
    private static readonly HashSet<string> ColumnTypes = ["time", "string", "number", "boolean"];

    /// <summary>Checks the shape of every frame and returns them.</summary>
    public static IReadOnlyList<JsonElement> AssertDrawable(JsonElement answer, string context)
    {
        Assert.True(answer.ValueKind == JsonValueKind.Array, $"{context}: the answer is not an array: {answer}");
        var frames = answer.EnumerateArray().ToList();
        foreach (var frame in frames)
        {
            Assert.True(frame.ValueKind == JsonValueKind.Object, $"{context}: a frame is not an object: {frame}");
            if (frame.TryGetProperty("type", out var type) && type.GetString() == "table")
            {
                AssertTable(frame, context);
            }
            else
            {
                AssertTimeSeries(frame, context);
            }
        }

        return frames;
    }

    public static bool IsTable(JsonElement frame) => frame.TryGetProperty("type", out var type) && type.GetString() == "table";

    /// <summary>Something to see: a time series with at least one value, a table with at least one row.</summary>
    public static bool HasData(JsonElement frame) => IsTable(frame)
        ? frame.GetProperty("rows").GetArrayLength() > 0 && frame.GetProperty("columns").GetArrayLength() > 0
        : frame.GetProperty("datapoints").EnumerateArray().Any(p => p[0].ValueKind == JsonValueKind.Number);

    public static IReadOnlyList<string> ColumnNames(JsonElement table) =>
        [.. table.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("text").GetString()!)];

    /// <summary>A table's cell by column name, row by row.</summary>
    public static IReadOnlyList<JsonElement> Column(JsonElement table, string name)
    {
        var index = ColumnNames(table).ToList().IndexOf(name);
        Assert.True(index >= 0, $"No column '{name}' in {string.Join(", ", ColumnNames(table))}.");
        return [.. table.GetProperty("rows").EnumerateArray().Select(r => r[index])];
    }

    private static void AssertTimeSeries(JsonElement frame, string context)
    {
        Assert.True(frame.TryGetProperty("target", out var target) && target.ValueKind == JsonValueKind.String && target.GetString()!.Length > 0,
            $"{context}: a time series needs a target name: {frame}");
        Assert.True(frame.TryGetProperty("datapoints", out var points) && points.ValueKind == JsonValueKind.Array, $"{context}: no datapoints array: {frame}");
        long previous = long.MinValue;
        foreach (var point in points.EnumerateArray())
        {
            Assert.True(point.ValueKind == JsonValueKind.Array && point.GetArrayLength() == 2, $"{context}: a datapoint is not [value, time]: {point}");
            Assert.True(point[0].ValueKind is JsonValueKind.Number or JsonValueKind.Null, $"{context}: a value is not a number or null: {point}");
            var ms = point[1].ValueKind == JsonValueKind.Number && point[1].TryGetInt64(out var t) ? t : (long?)null;
            Assert.True(ms is not null, $"{context}: a time is not epoch milliseconds: {point}");
            Assert.True(ms!.Value > previous, $"{context}: datapoints are not in time order: {points}");
            previous = ms!.Value;
        }
    }

    private static void AssertTable(JsonElement frame, string context)
    {
        var columns = frame.GetProperty("columns");
        Assert.True(columns.ValueKind == JsonValueKind.Array, $"{context}: columns is not an array: {frame}");
        var types = new List<string>();
        foreach (var column in columns.EnumerateArray())
        {
            Assert.True(column.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String && text.GetString()!.Length > 0, $"{context}: a column has no text: {column}");
            Assert.True(column.TryGetProperty("type", out var type) && ColumnTypes.Contains(type.GetString()!), $"{context}: column type of {column} is not one Grafana knows.");
            types.Add(type.GetString()!);
        }

        Assert.True(ColumnNames(frame).Count == ColumnNames(frame).Distinct().Count(), $"{context}: column names repeat: {string.Join(", ", ColumnNames(frame))}");
        foreach (var row in frame.GetProperty("rows").EnumerateArray())
        {
            Assert.True(row.ValueKind == JsonValueKind.Array && row.GetArrayLength() == types.Count, $"{context}: a row has not one cell per column: {row}");
            for (var i = 0; i < types.Count; i++)
            {
                var cell = row[i];
                var fits = cell.ValueKind == JsonValueKind.Null || types[i] switch
                {
                    "number" => cell.ValueKind == JsonValueKind.Number,
                    "time" => cell.ValueKind == JsonValueKind.Number && cell.TryGetInt64(out _),
                    "boolean" => cell.ValueKind is JsonValueKind.True or JsonValueKind.False,
                    _ => cell.ValueKind == JsonValueKind.String,
                };
                Assert.True(fits, $"{context}: cell {cell} does not fit its {types[i]} column {ColumnNames(frame)[i]}.");
            }
        }
    }
}
