namespace Insights.Domain.Validation;

/// <summary>
/// A repository as the catalog and the sources name it: <c>owner/name</c> (GitHub's <c>full_name</c>,
/// Backstage's <c>github.com/project-slug</c>; GitLab's subgroups add more segments). Pull requests find
/// their service by this exact text, so a URL or a bare name would silently attribute nothing.
/// </summary>
public static class RepositorySlug
{
    /// <summary>Why <paramref name="text"/> is not a slug, or null when it is.</summary>
    public static string? Problem(string text)
    {
        if (text.Contains("://", StringComparison.Ordinal) || text.StartsWith("git@", StringComparison.Ordinal))
        {
            return "must be the repository as owner/name (e.g. acme/payments), not a URL";
        }

        var segments = text.Split('/');
        return segments.Length < 2 || segments.Any(s => s.Length == 0 || s.Any(char.IsWhiteSpace))
            ? "must be the repository as owner/name (e.g. acme/payments)"
            : null;
    }
}
