namespace Insights.Reports.Content;

/// <summary>How a figure moved against the previous window, read in the metric's direction of improvement.</summary>
public enum ChangeVerdict
{
    /// <summary>Better beyond the noise (<see cref="NoiseRule"/>).</summary>
    Better,

    /// <summary>Worse beyond the noise.</summary>
    Worse,

    Unchanged,

    /// <summary>There is a difference (shown), but it is within the noise: too small to call better or worse.</summary>
    WithinNoise,

    /// <summary>One side has fewer than <see cref="NoiseRule.MinimumSample"/> items: not compared.</summary>
    LowSample,

    /// <summary>One side has no figure.</summary>
    NotComparable,
}
