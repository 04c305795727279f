using Microsoft.Extensions.Configuration;

namespace Insights.Ingest.Connectors;

/// <summary>
/// Reads a secret from the environment variable a source names (<c>token_env</c>). The configuration
/// file holds names, never secrets. Looked up through configuration, which includes the environment.
/// </summary>
public sealed class SecretResolver(IConfiguration configuration)
{
    public string Resolve(string connector, string variable)
    {
        var value = configuration[variable];
        return string.IsNullOrEmpty(value)
            ? throw new InvalidOperationException($"Connector {connector}: the environment variable {variable} (its token_env) is not set.")
            : value;
    }

    public string? ResolveOptional(string? variable) =>
        string.IsNullOrEmpty(variable) ? null : configuration[variable] is { Length: > 0 } value ? value : null;
}
