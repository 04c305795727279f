namespace Insights.Warehouse.ClickHouse;

/// <summary>ClickHouse error codes the product reacts to (from ClickHouse's ErrorCodes.cpp).</summary>
public static class ClickHouseErrorCodes
{
    public const int UnknownTable = 60;
    public const int SyntaxError = 62;
    public const int UnknownDatabase = 81;
    public const int TimeoutExceeded = 159;
    public const int MemoryLimitExceeded = 241;

    // Errors about the data itself: retrying the same bytes can never succeed.
    private static readonly HashSet<int> MalformedData = [6, 26, 27, 32, 38, 41, 53, 69, 70, 72, 117, 131, 349];

    public static bool IsMalformedData(int code) => MalformedData.Contains(code);
}
