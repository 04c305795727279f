namespace Insights.Reports.Layout;

/// <summary>A table column: its header, its share of the width, and how its cells align.</summary>
public sealed record TableColumn(string Header, float Weight, Align Align = Align.Left);
