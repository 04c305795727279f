namespace Insights.Ingest.Backstage;

/// <summary>
/// A Backstage entity reference, <c>[kind:][namespace/]name</c>. A missing kind or namespace takes the
/// context's: <c>spec.owner: payments</c> on a component in namespace <c>platform</c> is
/// <c>group:platform/payments</c>. The catalog compares references case-insensitively (<see cref="Key"/>).
/// </summary>
public readonly record struct EntityRef(string Kind, string Namespace, string Name)
{
    public const string DefaultNamespace = "default";

    public static EntityRef Parse(string text, string defaultKind, string defaultNamespace)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = colon > 0 ? text[..colon] : defaultKind;
        var rest = colon > 0 ? text[(colon + 1)..] : text;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var ns = slash > 0 ? rest[..slash] : defaultNamespace;
        var name = slash >= 0 ? rest[(slash + 1)..] : rest;
        return new EntityRef(kind.ToLowerInvariant(), ns, name);
    }

    /// <summary>The reference as the catalog compares it.</summary>
    public string Key => ToString().ToLowerInvariant();

    /// <summary>How we name it (a team, a system, a domain): its name, with its namespace when that is not <c>default</c> (<c>platform/payments</c>).</summary>
    public string ShortName => string.Equals(Namespace, DefaultNamespace, StringComparison.OrdinalIgnoreCase) ? Name : $"{Namespace}/{Name}";

    public override string ToString() => $"{Kind}:{Namespace}/{Name}";
}
