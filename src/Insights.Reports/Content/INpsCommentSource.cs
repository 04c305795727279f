namespace Insights.Reports.Content;

/// <summary>
/// Where the report reads developer comments from (<see cref="SurveyCommentSource"/>); null when no
/// survey was answered in the report's weeks, and the report leaves the section out. TRICKY: an
/// implementation must itself drop every comment of a group under the anonymity threshold (and any
/// complement that would reveal one): the report prints what it is given.
/// </summary>
public interface INpsCommentSource
{
    /// <param name="run">The report run: what every report of it reads alike is read once.</param>
    Task<NpsCommentsSection?> GetAsync(ReportScope scope, DateOnly from, DateOnly to, ReportMetrics run, CancellationToken cancellationToken);
}
