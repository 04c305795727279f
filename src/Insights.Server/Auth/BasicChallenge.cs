using Microsoft.Extensions.Primitives;

namespace Insights.Server.Auth;

/// <summary>
/// Endpoint metadata: besides <c>Bearer</c>, its 401 offers <c>Basic</c>, so that a browser asks for
/// credentials (any user name, an API key as password) instead of showing the error — e.g. a report's PDF.
/// </summary>
public sealed record BasicChallenge(string Realm)
{
    /// <summary>One challenge per header line: browsers read the first scheme they support.</summary>
    public StringValues Headers => new([$"Basic realm=\"{Realm.Replace("\"", "'", StringComparison.Ordinal)}\"", "Bearer"]);
}
