namespace Insights.Server.Auth;

/// <summary>A key as the authentication handler needs it: who it is and what it may do.</summary>
public sealed record ApiKeyPrincipal(string Id, string Name, IReadOnlyList<string> Scopes);
