namespace Insights.Reports.Layout;

public enum Align
{
    Left,
    Center,
    Right,
}
