namespace Insights.Server.Grafana;

/// <summary>A table answer; every row has one cell per column (null for none). Time cells are epoch milliseconds.</summary>
public sealed record GrafanaTable(string? RefId, IReadOnlyList<GrafanaColumn> Columns, IReadOnlyList<object?[]> Rows)
{
    public string Type => "table";
}
