namespace Insights.Reports.Layout;

/// <summary>One line of small text under a tile's figure.</summary>
public sealed record TileLine(string Text, TextStyle Style);
