using System.Text.Json;

namespace Insights.Ingest.Backstage;

/// <summary>One page of <c>/api/catalog/entities/by-query</c>: its entities and the catalog's count of all matches.</summary>
public sealed record BackstagePage(IReadOnlyList<JsonElement> Items, long? TotalItems);
