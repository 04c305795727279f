namespace Insights.Reports.Charts;

/// <summary>One bar: its label under the axis, its value (null: no bar), and whether it is drawn dark or light.</summary>
public sealed record ChartBar(string Label, double? Value, bool Dark);
