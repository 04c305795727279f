using Insights.Warehouse.ClickHouse;

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

public static class WarehouseFailures
{
    public static WarehouseFailure Of(Exception exception) => exception switch
    {
        ClickHouseException { Code: ClickHouseErrorCodes.MemoryLimitExceeded } => WarehouseFailure.TooLarge,
        ClickHouseException { Code: ClickHouseErrorCodes.TimeoutExceeded } or TimeoutException => WarehouseFailure.TooSlow,
        HttpRequestException => WarehouseFailure.Unreachable,
        _ => WarehouseFailure.None,
    };

    public static int Status(this WarehouseFailure failure) => failure switch
    {
        WarehouseFailure.TooSlow => StatusCodes.Status504GatewayTimeout,
        WarehouseFailure.TooLarge or WarehouseFailure.Unreachable => StatusCodes.Status503ServiceUnavailable,
        _ => 0,
    };
}
