namespace Insights.Domain.Metrics;

/// <summary>One cut-off of a benchmark: the band a summary earns when its <see cref="Field"/> passes the test.</summary>
public sealed record BandRule(Band Band, string Field, double? AtLeast, double? Below, double? AtMost)
{
    public bool Passes(double value) =>
        (AtLeast is null || value >= AtLeast) && (Below is null || value < Below) && (AtMost is null || value <= AtMost);
}
