namespace Insights.Warehouse.Metrics;

/// <summary>
/// The first day with data, for the organisation and for each team: the day of the first successful
/// production deployment the warehouse holds (of any service, or of the team's services). A window that
/// starts before it is measured over fewer days than it says (impact windows, the report's weeks).
/// </summary>
/// <param name="Organisation">Null when no production deployment is stored at all.</param>
public sealed record DataStarts(DateOnly? Organisation, IReadOnlyDictionary<string, DateOnly> Teams)
{
    public static DataStarts None { get; } = new(null, new Dictionary<string, DateOnly>(StringComparer.Ordinal));

    /// <summary>The team's first day, or the organisation's for a null team; null when it has no data.</summary>
    public DateOnly? For(string? team) => team is null ? Organisation : Teams.TryGetValue(team, out var day) ? day : null;
}
