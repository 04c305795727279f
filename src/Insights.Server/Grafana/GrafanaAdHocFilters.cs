using Insights.Warehouse.Metrics;

namespace Insights.Server.Grafana;

/// <summary>
/// The dashboard's ad hoc filters, checked once per request: keys are the scope fields (team,
/// service, environment, golden_path), the operator is <c>=</c>, one value per key.
/// </summary>
public sealed class GrafanaAdHocFilters
{
    private readonly Dictionary<string, string> _values;

    private GrafanaAdHocFilters(Dictionary<string, string> values) => _values = values;

    public static GrafanaAdHocFilters None { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal));

    public IReadOnlyDictionary<string, string> Values => _values;

    public static GrafanaAdHocFilters Read(IReadOnlyList<GrafanaAdHocFilter?>? filters, string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < (filters?.Count ?? 0); i++)
        {
            var filter = filters![i];
            var at = $"{path}[{i}]";
            var key = filter?.Key?.Trim();
            if (string.IsNullOrEmpty(key) || !GrafanaTargets.ScopeFields.Contains(key, StringComparer.Ordinal))
            {
                throw new MetricQueryException($"{at}.key", $"must be one of {string.Join(", ", GrafanaTargets.ScopeFields)}; got '{key}'.");
            }

            if (filter!.Operator is not ("=" or "==" or null or ""))
            {
                throw new MetricQueryException($"{at}.operator", $"'{filter.Operator}' is not supported; ad hoc filters take '=' only.");
            }

            var value = GrafanaPayload.Normalize(filter.Value, $"{at}.value");
            if (value is null)
            {
                continue;
            }

            if (key == "golden_path" && value is not ("true" or "false"))
            {
                throw new MetricQueryException($"{at}.value", $"golden_path must be true or false; got '{value}'.");
            }

            if (values.TryGetValue(key, out var earlier) && !Same(key, earlier, value))
            {
                throw new MetricQueryException($"{at}.value", $"{key}={value} conflicts with another filter {key}={earlier}; one value per key.");
            }

            values[key] = value;
        }

        return new GrafanaAdHocFilters(values);
    }

    /// <summary>Environments compare case-insensitively, as the metrics do.</summary>
    public static bool Same(string key, string a, string b) =>
        string.Equals(a, b, key == "environment" ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
