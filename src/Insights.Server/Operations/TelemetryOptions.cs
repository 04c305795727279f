namespace Insights.Server.Operations;

/// <summary>Where telemetry goes (configuration section <c>Telemetry</c>; the standard OTEL_* variables work too).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>An OTLP endpoint (e.g. http://collector:4317) for traces, metrics and logs; none when empty.</summary>
    public string? OtlpEndpoint { get; set; }

    public string ServiceName { get; set; } = "platform-insights";
}
