namespace Insights.Reports.Content;

/// <summary>
/// Where the report reads developer comments from. TRICKY: the seam for the survey feature — until it
/// lands, <see cref="NoNpsComments"/> answers null and the report leaves the section out. An
/// implementation must itself drop every comment of a group under the anonymity threshold (and any
/// complement that would reveal one): the report prints what it is given.
/// </summary>
public interface INpsCommentSource
{
    Task<NpsCommentsSection?> GetAsync(ReportScope scope, DateOnly from, DateOnly to, CancellationToken cancellationToken);
}
