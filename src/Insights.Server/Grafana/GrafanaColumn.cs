namespace Insights.Server.Grafana;

/// <summary>A table column: its name and Grafana field type (<c>time</c>, <c>string</c>, <c>number</c>, <c>boolean</c>).</summary>
public sealed record GrafanaColumn(string Text, string Type)
{
    public static GrafanaColumn Time(string text) => new(text, "time");

    public static GrafanaColumn String(string text) => new(text, "string");

    public static GrafanaColumn Number(string text) => new(text, "number");

    public static GrafanaColumn Boolean(string text) => new(text, "boolean");
}
