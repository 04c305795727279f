namespace Insights.Server;

/// <summary>
/// Why the warehouse could not answer a question, and the status that says so: the question over the
/// per-query memory cap (503), past the query timeout (504), or ClickHouse unreachable (503). The API
/// (<see cref="WarehouseExceptionHandler"/>) and the web pages (Web.WebPageFilter) word it for their readers.
/// </summary>
public enum WarehouseFailure
{
    None,
    TooLarge,
    TooSlow,
    Unreachable,
}
