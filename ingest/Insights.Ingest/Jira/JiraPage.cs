using System.Text.Json;

namespace Insights.Ingest.Jira;

/// <summary>One page of a JQL search: its issues, and how many match in all when the server says (Data Center).</summary>
public sealed record JiraPage(IReadOnlyList<JsonElement> Issues, long? Total);
