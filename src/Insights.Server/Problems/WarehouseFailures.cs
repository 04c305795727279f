using Insights.Warehouse.ClickHouse;

namespace Insights.Server;

/// <summary>Which <see cref="WarehouseFailure"/> an exception is, and the HTTP status of each.</summary>
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
