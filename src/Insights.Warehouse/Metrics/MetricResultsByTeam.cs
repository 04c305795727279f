namespace Insights.Warehouse.Metrics;

/// <summary>
/// One metric answered for every team at once (<see cref="MetricEngine.ComputeByTeamAsync"/>). A team
/// with no rows gets the empty answer its own filtered question would get, so any team may be asked for.
/// </summary>
public sealed class MetricResultsByTeam(IEnumerable<string> teamsWithData, Func<string, MetricResult> shape)
{
    /// <summary>The teams that had rows in the range (any other team's answer is empty).</summary>
    public IReadOnlyCollection<string> TeamsWithData { get; } = teamsWithData.ToList();

    /// <summary>The answer for <paramref name="team"/>, exactly as with <c>team=</c> on the question.</summary>
    public MetricResult For(string team) => shape(team);
}
