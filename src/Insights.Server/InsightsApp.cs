using Insights.Domain.Json;
using Insights.Reports;
using Insights.Server.Apis;
using Insights.Server.Auth;
using Insights.Server.Demo;
using Insights.Server.Hosting;
using Insights.Server.Jobs;

namespace Insights.Server;

/// <summary>The host, in the order it is put together. Tests build the very same app.</summary>
public static class InsightsApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInsightsEnvironment();
        configure?.Invoke(builder);
        builder.Configuration.AddConfigFile();

        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddWarehouse(builder.Configuration);
        builder.Services.AddApiKeyAuthentication(builder.Configuration);
        var role = InstanceRole.From(builder.Configuration);
        builder.Services.AddSingleton(role);
        builder.Services.AddInsightsJobs(builder.Configuration, role);
        builder.Services.AddReports(builder.Configuration);
        builder.Services.AddSingleton<DemoLoader>();
        if (builder.Configuration.GetValue("Demo:Load", false))
        {
            builder.Services.AddHostedService<DemoStartup>();
        }

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthApi();
        if (role.ServesApi)
        {
            app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
            app.MapJobsDashboard();
            app.MapIngestApi();
            app.MapKeysApi();
            app.MapMetricsApi();
            app.MapCatalogApi();
            app.MapReportsApi();
        }

        return app;
    }
}
