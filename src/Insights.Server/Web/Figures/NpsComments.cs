using Insights.Warehouse.Surveys;

namespace Insights.Server.Web.Figures;

/// <summary>A campaign's comments as <c>GET /api/v1/surveys/{id}/comments</c> groups them (groups at or above the threshold only).</summary>
public sealed record NpsComments(Guid Campaign, string Name, IReadOnlyList<CommentGroup> Groups);
