namespace Insights.Reports.Content;

/// <summary>How a figure moved against the previous window, read in the metric's direction of improvement.</summary>
public enum ChangeVerdict
{
    Better,
    Worse,
    Unchanged,

    /// <summary>There is a difference, but it is within the noise and not shown.</summary>
    WithinNoise,

    /// <summary>One side has no figure.</summary>
    NotComparable,
}
