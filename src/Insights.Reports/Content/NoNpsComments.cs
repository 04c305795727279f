namespace Insights.Reports.Content;

/// <summary>No survey feature yet: no comments section.</summary>
public sealed class NoNpsComments : INpsCommentSource
{
    public Task<NpsCommentsSection?> GetAsync(ReportScope scope, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        Task.FromResult<NpsCommentsSection?>(null);
}
