using System.Text.RegularExpressions;

namespace Insights.Warehouse.ClickHouse;

/// <summary>An error reported by the ClickHouse server, with its numeric code (0 when it sent none).</summary>
public sealed partial class ClickHouseException : Exception
{
    public ClickHouseException(int code, string serverMessage, int? httpStatus = null)
        : base($"ClickHouse error {code}: {serverMessage}")
    {
        Code = code;
        ServerMessage = serverMessage;
        HttpStatus = httpStatus;
    }

    /// <summary>ClickHouse's error code (e.g. 60 = unknown table, 62 = syntax error, 159 = timeout).</summary>
    public int Code { get; }

    public string ServerMessage { get; }

    public int? HttpStatus { get; }

    /// <summary>
    /// Reads an error text in either dialect: <c>Code: 60, e.displayText() = DB::Exception: …</c> (18.x)
    /// or <c>Code: 60. DB::Exception: …</c> (current releases).
    /// </summary>
    public static bool TryParse(string text, int? httpStatus, out ClickHouseException? error)
    {
        var at = text.IndexOf("Code: ", StringComparison.Ordinal);
        if (at < 0)
        {
            error = null;
            return false;
        }

        var match = ErrorText().Match(text, at);
        if (!match.Success)
        {
            error = null;
            return false;
        }

        var message = match.Groups["message"].Value.Trim();
        var whatAt = message.IndexOf(", e.what() = ", StringComparison.Ordinal);
        if (whatAt >= 0)
        {
            message = message[..whatAt];
        }

        error = new ClickHouseException(int.Parse(match.Groups["code"].Value, System.Globalization.CultureInfo.InvariantCulture), message, httpStatus);
        return true;
    }

    public static ClickHouseException FromResponse(string body, int httpStatus) =>
        TryParse(body, httpStatus, out var error) ? error! : new ClickHouseException(0, body.Trim(), httpStatus);

    [GeneratedRegex(@"\GCode: (?<code>\d+)[.,]\s*(?:e\.displayText\(\) = )?(?<message>.*)", RegexOptions.Singleline)]
    private static partial Regex ErrorText();
}
