using Insights.Domain.Json;
using Insights.Ingest;
using Insights.Reports;
using Insights.Server.Apis;
using Insights.Server.Auth;
using Insights.Server.Demo;
using Insights.Server.Grafana;
using Insights.Server.Hosting;
using Insights.Server.Jobs;
using Insights.Server.OpenApi;
using Insights.Server.Operations;
using Insights.Server.Surveys;
using Insights.Server.Web;

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
        builder.Configuration.ValidateSources();

        builder.Logging.AddIsoConsole();
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        // Bodies are small by default; push ingest and webhooks raise the limit for their own requests.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 4L << 20;
            kestrel.AddServerHeader = false;
        });
        builder.AddInsightsTelemetry();
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<WarehouseExceptionHandler>();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        // A body that does not bind throws, so that BadRequestExceptionHandler can name the field.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddInsightsOpenApi();
        builder.Services.AddWarehouse(builder.Configuration);
        builder.Services.AddApiKeyAuthentication(builder.Configuration);
        builder.Services.AddInsightsWeb(builder.Configuration);
        var role = InstanceRole.From(builder.Configuration);
        builder.Services.AddSingleton(role);
        builder.Services.AddInsightsJobs(builder.Configuration, role);
        builder.Services.AddConnectors(builder.Configuration);
        builder.Services.AddInsightsRateLimits(builder.Configuration);
        builder.Services.AddSurveys(builder.Configuration);
        builder.Services.AddReports(builder.Configuration);
        builder.Services.AddSingleton<DemoLoader>();
        if (builder.Configuration.GetValue("Demo:Load", false))
        {
            builder.Services.AddHostedService<DemoStartup>();
        }

        var app = builder.Build();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseInsightsWebErrors();
        app.UseAuthentication();
        app.UseInsightsWebSessions();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapHealthApi();
        app.MapPrometheusScrapingEndpoint("/metrics");
        if (role.ServesApi)
        {
            app.MapApiReference();
            app.MapJobsDashboard();
            app.MapIngestApi();
            app.MapKeysApi();
            app.MapMetricsApi();
            app.MapCatalogApi();
            app.MapConnectorsApi();
            app.MapWebhooksApi();
            app.MapSurveyPages();
            app.MapSurveysApi();
            app.MapMetricSeriesApi();
            app.MapMetricItemsApi();
            app.MapGrafanaApi();
            app.MapReportsApi();
            app.MapInsightsWeb();
        }

        return app;
    }
}
