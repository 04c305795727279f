using Insights.Server.Configuration;

namespace Insights.Server.Tests.Surveys;

public sealed class SurveyConfigurationTests
{
    [Fact]
    public void ExampleFile_SurveysSection_MapsToTheSurveysOptions()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "insights.example.yaml")))
        {
            root = root.Parent!;
        }

        var values = ConfigFile.Load(Path.Combine(root.FullName, "insights.example.yaml"), InsightsConfigSchema.Root);

        Assert.Equal("INSIGHTS_SURVEY_SECRET", values["Surveys:SecretEnvironmentVariable"]);
        Assert.Equal("30", values["Surveys:LinkTtlDays"]);
    }

    [Fact]
    public void SurveysSection_MapsEveryKey()
    {
        var values = ConfigFile.Parse("""
            surveys:
              public_url: https://insights.example.com
              embed_origins: ["https://backstage.example.com"]
              import:
                path: /var/lib/insights/survey-exports
                cron: "*/30 * * * *"
            """, InsightsConfigSchema.Root);

        Assert.Equal("https://insights.example.com", values["Surveys:PublicUrl"]);
        Assert.Equal("https://backstage.example.com", values["Surveys:EmbedOrigins:0"]);
        Assert.Equal("/var/lib/insights/survey-exports", values["Surveys:Import:Path"]);
        Assert.Equal("*/30 * * * *", values["Surveys:Import:Cron"]);
    }

    [Theory]
    [InlineData("surveys:\n  link_ttl_days: 0\n", "surveys.link_ttl_days")]
    [InlineData("surveys:\n  embed_origins: [backstage]\n", "surveys.embed_origins")]
    [InlineData("surveys:\n  import:\n    cron: sometimes\n", "surveys.import.cron")]
    [InlineData("surveys:\n  secret: hunter2\n", "surveys.secret")]
    public void BadSurveysKeys_AreErrorsNamingTheKey(string yaml, string key)
    {
        var error = Assert.Throws<ConfigFileException>(() => ConfigFile.Parse(yaml, InsightsConfigSchema.Root));

        Assert.Contains(key, error.Message);
    }
}
