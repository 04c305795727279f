namespace Insights.Server.Auth;

/// <summary>What an API key may do. <c>admin</c> includes the other two.</summary>
public static class Scopes
{
    public const string Ingest = "ingest";
    public const string Read = "read";
    public const string Admin = "admin";

    public const string ClaimType = "scope";

    public static IReadOnlyList<string> All { get; } = [Ingest, Read, Admin];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
