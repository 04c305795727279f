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
        return configuration.AddInMemoryCollection(mapped);

        void Map(string variable, string key)
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                mapped[key] = value;
            }
        }
    }
}
