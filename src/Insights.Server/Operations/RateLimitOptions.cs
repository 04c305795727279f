namespace Insights.Server.Operations;

/// <summary>Request rate limits (configuration section <c>RateLimits</c>); 0 turns a limit off.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests per minute for one API key (a token bucket refilled every second).</summary>
    public int PerKeyPerMinute { get; set; } = 1200;

    /// <summary>Requests per minute from one address without a key (webhooks, survey answers, bad keys).</summary>
    public int AnonymousPerMinute { get; set; } = 300;

    /// <summary>Survey answers per minute from one address, on top of the above (an office behind one NAT answering at once fits).</summary>
    public int SurveyAnswersPerMinute { get; set; } = 120;
}
