namespace Insights.Ingest.Connectors;

/// <summary>What every configured source has: a unique name and a schedule.</summary>
public abstract class SourceOptions
{
    public string Name { get; set; } = "";

    /// <summary>Cron expression of the recurring sync (UTC).</summary>
    public string Schedule { get; set; } = "*/15 * * * *";

    public abstract string Kind { get; }

    /// <summary>The environment variables holding this source's secrets (its token), which nothing it stores may contain.</summary>
    public virtual IEnumerable<string?> SecretVariables => [];

    /// <summary>Field (YAML name) → problem, for the checks this source needs beyond the schema's.</summary>
    public virtual IEnumerable<(string Field, string Problem)> Problems()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return ("name", "is required");
        }
        else if (!Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            yield return ("name", "may hold only letters, digits, - and _");
        }
    }

    protected static IEnumerable<(string, string)> Required(string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? [(field, "is required")] : [];
}
