using System.Globalization;

namespace Insights.Server.Configuration;

/// <summary>
/// The shape of the YAML configuration file: which keys exist, what each may hold, and which
/// configuration key (<c>Section:Key</c>) receives it. Unknown keys are errors, so a typo is caught
/// at start-up instead of silently meaning "default".
/// </summary>
public abstract record ConfigNode
{
    public static ConfigObject Object(params (string Yaml, string Config, ConfigNode Node)[] fields) =>
        new(fields.ToDictionary(f => f.Yaml, f => (f.Config, f.Node), StringComparer.Ordinal));

    public static ConfigScalar Text(int maxLength = 2048) =>
        new("a string", v => v.Length <= maxLength ? null : $"is longer than {maxLength} characters");

    public static ConfigScalar Integer(int min, int max) => new($"a whole number from {min} to {max}", v =>
        int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? null : $"must be a whole number from {min} to {max}");

    public static ConfigScalar Boolean() => new("true or false", v => v is "true" or "false" ? null : "must be true or false");

    public static ConfigScalar Date() => new("a date YYYY-MM-DD", v =>
        DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? null : "must be a date YYYY-MM-DD");

    public static ConfigScalar Url() => new("an http(s) URL", v =>
        Uri.TryCreate(v, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? null : "must be an absolute http(s) URL");

    public static ConfigScalar EnvironmentVariable() => new("an environment variable name", v =>
        v.Length > 0 && v.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(v[0]) ? null : "must be the name of an environment variable (letters, digits, _)");

    public static ConfigScalar Cron() => new("a cron expression", v =>
        v.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length is 5 or 6 ? null : "must be a cron expression with 5 (or 6) fields, e.g. \"*/15 * * * *\"");

    public static ConfigScalar OneOf(params string[] values) => new($"one of {string.Join(", ", values)}", v =>
        values.Contains(v, StringComparer.Ordinal) ? null : $"must be one of {string.Join(", ", values)}");

    public static ConfigList ListOf(ConfigNode item) => new(item);

    public static ConfigMap MapOf(ConfigNode value) => new(value);
}

public sealed record ConfigObject(IReadOnlyDictionary<string, (string Config, ConfigNode Node)> Fields) : ConfigNode;

/// <param name="Expected">What a value looks like, for messages.</param>
/// <param name="Check">Returns why a value is wrong, or null.</param>
public sealed record ConfigScalar(string Expected, Func<string, string?> Check) : ConfigNode;

public sealed record ConfigList(ConfigNode Item) : ConfigNode;

public sealed record ConfigMap(ConfigNode Value) : ConfigNode;
