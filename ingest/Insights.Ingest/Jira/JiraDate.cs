using System.Globalization;

namespace Insights.Ingest.Jira;

/// <summary>
/// Jira writes times as <c>2023-07-12T06:03:00.833+0000</c> — no colon in the offset, which
/// System.Text.Json refuses — and reads JQL times as <c>yyyy-MM-dd HH:mm</c> in the user's zone.
/// </summary>
public static class JiraDate
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm:ss.fffzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.fffK", "yyyy-MM-dd'T'HH:mm:ssK"];

    public static DateTime? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        // 2023-07-12T06:03:00.833+0000 → 2023-07-12T06:03:00.833+00:00
        if (text.Length > 5 && (text[^5] == '+' || text[^5] == '-') && char.IsAsciiDigit(text[^1]))
        {
            text = text[..^2] + ":" + text[^2..];
        }

        return DateTimeOffset.ParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None).UtcDateTime;
    }

    public static string Jql(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
