using Insights.Server.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace Insights.Server.Hosting;

public static class InsightsEnvironment
{
    /// <summary>
    /// The few settings documented as plain environment variables (INSIGHTS_ADMIN_KEY…), mapped
    /// onto configuration keys. Standard <c>Section__Key</c> variables work as usual.
    /// </summary>
    public static IConfigurationBuilder AddInsightsEnvironment(this IConfigurationBuilder configuration)
    {
        var mapped = new Dictionary<string, string?>();
        Map("INSIGHTS_ADMIN_KEY", "Insights:AdminKey");
        Map("INSIGHTS_CONFIG", "Insights:ConfigFile");
        return configuration.AddInMemoryCollection(mapped);

        void Map(string variable, string key)
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                mapped[key] = value;
            }
        }
    }

    /// <summary>
    /// Reads the YAML file named by <c>Insights:ConfigFile</c> (INSIGHTS_CONFIG), placed just below
    /// environment variables: they can still override single keys.
    /// </summary>
    /// <exception cref="ConfigFileException">The file is missing or has wrong keys.</exception>
    public static void AddConfigFile(this IConfigurationManager configuration)
    {
        if (configuration["Insights:ConfigFile"] is not { Length: > 0 } path)
        {
            return;
        }

        var values = ConfigFile.Load(path, InsightsConfigSchema.Root);
        var source = new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = values };
        var environment = configuration.Sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource);
        configuration.Sources.Insert(environment < 0 ? configuration.Sources.Count : environment, source);
    }

    /// <summary>Checks what the schema cannot: each source's required keys, unique names.</summary>
    /// <exception cref="ConfigFileException">A source is misconfigured; the message names the key.</exception>
    public static void ValidateSources(this IConfigurationManager configuration)
    {
        var sources = configuration.GetSection(Insights.Ingest.Connectors.SourcesOptions.Section).Get<Insights.Ingest.Connectors.SourcesOptions>();
        var errors = sources?.Validate() ?? [];
        if (errors.Count > 0)
        {
            throw new ConfigFileException(configuration["Insights:ConfigFile"] ?? "(configuration)", errors);
        }
    }
}
