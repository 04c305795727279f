namespace Insights.Server.Configuration;

/// <summary>The configuration file is wrong; the message names every bad key and why.</summary>
public sealed class ConfigFileException(string path, IReadOnlyList<string> errors)
    : Exception($"The configuration file {path} has {errors.Count} error(s):\n  - {string.Join("\n  - ", errors)}")
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
