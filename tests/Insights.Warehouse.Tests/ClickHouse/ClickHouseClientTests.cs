using System.Text;
using Insights.TestSupport;
using Insights.Warehouse.ClickHouse;

namespace Insights.Warehouse.Tests.ClickHouse;

public sealed class ClickHouseClientTests : IAsyncLifetime
{
    private TestClickHouseDatabase _db = null!;

    private ClickHouseClient Client => _db.Client;

    public async Task InitializeAsync() => _db = await TestClickHouseDatabase.CreateAsync(migrate: false);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private sealed record Row(string Name, ulong Big, DateTime At, DateOnly Day, double? Ratio, string[] Tags);

    [Fact]
    public async Task QueryAsync_ReadsTypedRows()
    {
        var rows = await Client.QueryAsync<Row>(
            "SELECT 'a' AS name, toUInt64(18446744073709551615) AS big, toDateTime('2026-03-02 14:05:09', 'UTC') AS at, " +
            "toDate('2026-03-02') AS day, CAST(NULL AS Nullable(Float64)) AS ratio, ['x', 'y'] AS tags");

        var row = Assert.Single(rows);
        Assert.Equal("a", row.Name);
        Assert.Equal(ulong.MaxValue, row.Big);
        Assert.Equal(new DateTime(2026, 3, 2, 14, 5, 9, DateTimeKind.Utc), row.At);
        Assert.Equal(DateTimeKind.Utc, row.At.Kind);
        Assert.Equal(new DateOnly(2026, 3, 2), row.Day);
        Assert.Null(row.Ratio);
        Assert.Equal(["x", "y"], row.Tags);
    }

    [Fact]
    public async Task InsertAsync_RoundTripsGzippedRows_IntoTheSelectedDatabase()
    {
        await Client.ExecuteAsync("CREATE TABLE items (name String, at DateTime('UTC'), n UInt64) ENGINE = MergeTree ORDER BY name");
        var at = new DateTime(2026, 3, 2, 14, 5, 9, DateTimeKind.Utc);
        var rows = Enumerable.Range(0, 5000).Select(i => new { name = $"n{i:D5}", at = at.AddSeconds(i).ToString("yyyy-MM-ddTHH:mm:ssZ"), n = (ulong)i, ignored = "x" });

        await Client.InsertAsync("items", rows);

        var count = await Client.QueryScalarAsync<ulong>("SELECT count() FROM items");
        var last = await Client.QueryAsync<Dictionary<string, object>>("SELECT name, toString(at) AS at FROM items ORDER BY name DESC LIMIT 1");
        Assert.Equal(5000UL, count);
        Assert.Equal("n04999", last[0]["name"].ToString());
        Assert.Equal("2026-03-02 15:28:28", last[0]["at"].ToString());
        var elsewhere = await TestServices.ClickHouse("system").QueryScalarAsync<ulong>(
            $"SELECT count() FROM system.tables WHERE database = {SqlLiteral.String(_db.Name)} AND name = 'items'");
        Assert.Equal(1UL, elsewhere);
    }

    [Fact]
    public async Task Errors_CarryClickHousesCodeAndMessage()
    {
        var syntax = await Assert.ThrowsAsync<ClickHouseException>(() => Client.QueryAsync<Row>("SELEKT 1"));
        var table = await Assert.ThrowsAsync<ClickHouseException>(() => Client.QueryAsync<Row>("SELECT * FROM no_such_table"));

        Assert.Equal(ClickHouseErrorCodes.SyntaxError, syntax.Code);
        Assert.Equal(ClickHouseErrorCodes.UnknownTable, table.Code);
        Assert.Contains("no_such_table", table.ServerMessage);
        Assert.DoesNotContain("e.what()", table.ServerMessage);
    }

    [Fact]
    public async Task Errors_AreDetected_WhenTheyArriveAfterA200()
    {
        // Small blocks make the server stream rows (and so send 200) before the failing row is reached.
        var error = await Assert.ThrowsAsync<ClickHouseException>(() =>
            Client.QueryAsync<Dictionary<string, object>>("SELECT number, throwIf(number = 300000) AS boom FROM system.numbers LIMIT 1000000 SETTINGS max_block_size = 1000"));

        Assert.Equal(395, error.Code);
        Assert.Equal(200, error.HttpStatus);
    }

    [Fact]
    public async Task Query_TimesOut_AndIsReportedAsSuch()
    {
        var slow = TestServices.ClickHouse(_db.Name, timeout: TimeSpan.FromSeconds(1));

        var error = await Record.ExceptionAsync(() => slow.QueryAsync<Dictionary<string, object>>("SELECT sleep(3)"));

        // Either the client's deadline or the server's max_execution_time fires first; both say "timeout".
        Assert.True(error is TimeoutException || error is ClickHouseException { Code: ClickHouseErrorCodes.TimeoutExceeded }, error?.ToString());
    }

    [Fact]
    public async Task Query_StopsWhenCancelled()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.QueryAsync<Dictionary<string, object>>("SELECT sleep(3)", cts.Token));
    }

    [Fact]
    public async Task WrongCredentials_AreRefused()
    {
        var stranger = new ClickHouseClient(new HttpClient(), new ClickHouseOptions { Url = TestServices.ClickHouseUrl, User = "nobody", Password = "wrong" });

        var error = await Assert.ThrowsAsync<ClickHouseException>(() => stranger.QueryScalarAsync<int>("SELECT 1"));

        Assert.Contains("nobody", error.ServerMessage);
    }

    [Fact]
    public async Task PingAsync_IsFalse_WhenNothingListens()
    {
        var nowhere = new ClickHouseClient(new HttpClient(), new ClickHouseOptions { Url = "http://127.0.0.1:1" });

        Assert.False(await nowhere.PingAsync());
        Assert.True(await Client.PingAsync());
    }

    [Theory]
    [InlineData("Code: 60, e.displayText() = DB::Exception: Table t.x doesn't exist., e.what() = DB::Exception", 60, "DB::Exception: Table t.x doesn't exist.")]
    [InlineData("Code: 60. DB::Exception: Table t.x does not exist. (UNKNOWN_TABLE) (version 24.8.1.1)", 60, "DB::Exception: Table t.x does not exist. (UNKNOWN_TABLE) (version 24.8.1.1)")]
    public void TryParse_ReadsBothDialects(string text, int code, string message)
    {
        Assert.True(ClickHouseException.TryParse(text, 500, out var error));
        Assert.Equal(code, error!.Code);
        Assert.Equal(message, error.ServerMessage);
    }

    [Fact]
    public void TryParse_FindsTheErrorAfterAPartialRow()
    {
        Assert.True(ClickHouseException.TryParse("{\"a\":1,\"b\":Code: 395, e.displayText() = DB::Exception: boom", 200, out var error));
        Assert.Equal(395, error!.Code);
        Assert.False(ClickHouseException.TryParse(Encoding.UTF8.GetString("{\"a\":1}"u8), 200, out _));
    }
}
