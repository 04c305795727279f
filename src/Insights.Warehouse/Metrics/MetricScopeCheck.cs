using Insights.Domain.Text;
using Insights.Warehouse.ClickHouse;
using Insights.Warehouse.Sql;

namespace Insights.Warehouse.Metrics;

/// <summary>
/// No silent zeros for a typo: a <c>team</c> or <c>service</c> filter that names nothing the warehouse
/// knows is a <see cref="MetricQueryException"/> naming the field and the closest known names. The API
/// asks only when a filtered question found nothing (a name that matched data is known by definition);
/// Grafana asks up front. The names are kept a few minutes and read again whenever a name is missing, so
/// a team pushed a second ago is never refused.
/// </summary>
public sealed class MetricScopeCheck(ClickHouseClient clickHouse, TimeProvider clock)
{
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(5);

    // One reference, swapped whole: requests on other threads read either the old names or the new.
    private volatile KnownNames? _known;

    /// <summary>Throws when the question's team or service filter (those its metric takes) names nothing known.</summary>
    public Task ThrowIfUnknownAsync(MetricQuery query, CancellationToken cancellationToken)
    {
        query = query.WithApplicableFilters();
        return ThrowIfUnknownAsync(query.Team, query.Service, cancellationToken);
    }

    /// <summary>Throws when <paramref name="team"/> or <paramref name="service"/> (either may be null) names nothing known.</summary>
    public async Task ThrowIfUnknownAsync(string? team, string? service, CancellationToken cancellationToken, string teamField = "team", string serviceField = "service")
    {
        if (string.IsNullOrEmpty(team) && string.IsNullOrEmpty(service))
        {
            return;
        }

        if (_known is { } cached && clock.GetUtcNow() - cached.ReadAt < Keep && Knows(cached.Names, team, service))
        {
            return;
        }

        var known = (await clickHouse.QueryAsync<KnownName>(SqlResources.Read("clickhouse/catalog/known_names.sql"), cancellationToken).ConfigureAwait(false))
            .ToLookup(n => n.Kind, n => n.Name, StringComparer.Ordinal);
        _known = new KnownNames(known, clock.GetUtcNow());
        Check(teamField, "team", team, known["team"]);
        Check(serviceField, "service", service, known["service"]);
    }

    private static bool Knows(ILookup<string, string> known, string? team, string? service) =>
        (string.IsNullOrEmpty(team) || known["team"].Contains(team, StringComparer.Ordinal))
        && (string.IsNullOrEmpty(service) || known["service"].Contains(service, StringComparer.Ordinal));

    private static void Check(string field, string kind, string? name, IEnumerable<string> known)
    {
        if (string.IsNullOrEmpty(name) || known.Contains(name, StringComparer.Ordinal))
        {
            return;
        }

        var closest = NameSuggestions.Closest(name, known);
        var hint = closest.Count > 0
            ? $"did you mean {string.Join(" or ", closest.Select(n => $"'{n}'"))}?"
            : known.Any() ? $"no {kind} has a similar name." : $"the warehouse knows no {kind} yet.";
        throw new MetricQueryException(field, $"'{name}' is not a known {kind} (names are case-sensitive); {hint}");
    }

    private sealed record KnownName(string Kind, string Name);

    private sealed record KnownNames(ILookup<string, string> Names, DateTimeOffset ReadAt);
}
