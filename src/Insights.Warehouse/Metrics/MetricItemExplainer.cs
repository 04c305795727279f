using System.Globalization;
using System.Text.RegularExpressions;
using Insights.Domain.Metrics;

namespace Insights.Warehouse.Metrics;

/// <summary>
/// Words why an item does not count: its reason code's sentence (<see cref="MetricCatalog.Reasons"/>,
/// sql/clickhouse/metrics/reasons.yaml) with <c>{field}</c> filled from the item and <c>{metrics.…}</c>
/// from the configuration, so that the sentence names the rule and the setting it came from.
/// </summary>
public static partial class MetricItemExplainer
{
    /// <summary>The configuration values a sentence may name, with the range of the question.</summary>
    public static IReadOnlyDictionary<string, string> Settings(MetricsOptions options, MetricQuery query) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["metrics.attribution_window_hours"] = options.AttributionWindowHours.ToString(CultureInfo.InvariantCulture),
        ["metrics.cold_start_days"] = options.ColdStartDays.ToString(CultureInfo.InvariantCulture),
        ["metrics.lookback_days"] = options.LookbackDays.ToString(CultureInfo.InvariantCulture),
        ["metrics.minimum_group_size"] = options.MinimumGroupSize.ToString(CultureInfo.InvariantCulture),
        ["metrics.production_environments"] = string.Join(", ", options.EffectiveProductionEnvironments),
        ["metrics.golden_path_pipelines"] = string.Join(", ", options.GoldenPathPipelines),
        ["metrics.bot_authors"] = string.Join(", ", options.EffectiveBotAuthors),
        ["metrics.exclude_labels"] = string.Join(", ", options.ExcludeLabels),
        ["from"] = query.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = query.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>The sentence for <paramref name="reason"/>; an unknown code or field is a defect of the metric's folder.</summary>
    public static string Explain(string metric, string reason, IReadOnlyDictionary<string, object?> fields, IReadOnlyDictionary<string, string> settings)
    {
        if (!MetricCatalog.Reasons.TryGetValue(reason, out var sentence))
        {
            throw new InvalidOperationException($"{metric}'s rows gave the reason '{reason}', which sql/clickhouse/metrics/reasons.yaml does not explain.");
        }

        return Placeholder().Replace(sentence, match =>
        {
            var name = match.Groups[1].Value;
            if (settings.TryGetValue(name, out var setting))
            {
                return setting;
            }

            return fields.TryGetValue(name, out var value)
                ? value is null ? "unknown" : Format(value)
                : throw new InvalidOperationException($"The sentence of '{reason}' names {{{name}}}, which {metric}'s items do not carry.");
        });
    }

    /// <summary>The placeholders of a reason's sentence (MetricCatalogTests checks each is a field of every metric that gives it).</summary>
    public static IReadOnlyList<string> Placeholders(string sentence) =>
        [.. Placeholder().Matches(sentence).Select(m => m.Groups[1].Value)];

    private static string Format(object value) => value switch
    {
        double d => Math.Round(d, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IEnumerable<string> list => string.Join(", ", list),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    [GeneratedRegex(@"\{([a-z_.]+)\}")]
    private static partial Regex Placeholder();
}
