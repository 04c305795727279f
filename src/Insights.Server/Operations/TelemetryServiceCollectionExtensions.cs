using Npgsql;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Insights.Server.Operations;

public static class TelemetryServiceCollectionExtensions
{
    private static readonly string[] Quiet = ["/healthz", "/readyz", "/metrics"];

    /// <summary>
    /// OpenTelemetry: traces of incoming and outgoing HTTP, ClickHouse statements, PostgreSQL commands,
    /// connector syncs and jobs; metrics of ingest, jobs, metric queries, HTTP and the runtime, scraped by
    /// Prometheus at /metrics; logs with trace ids. OTLP export when an endpoint is configured.
    /// </summary>
    public static WebApplicationBuilder AddInsightsTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = options.OtlpEndpoint ?? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var version = typeof(TelemetryServiceCollectionExtensions).Assembly.GetName().Version?.ToString() ?? "0";

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeScopes = true;
            logging.IncludeFormattedMessage = true;
            if (!string.IsNullOrEmpty(otlp))
            {
                logging.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
            }
        });

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName, serviceVersion: version, serviceInstanceId: $"{Environment.MachineName}-{Environment.ProcessId}"))
            .WithTracing(tracing =>
            {
                tracing
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !Quiet.Any(p => context.Request.Path.StartsWithSegments(p)))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql()
                    .AddSource(TelemetrySources.ActivitySources);
                if (!string.IsNullOrEmpty(otlp))
                {
                    tracing.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter(TelemetrySources.Meters)
                    .AddPrometheusExporter();
                if (!string.IsNullOrEmpty(otlp))
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
                }
            });
        return builder;
    }
}
