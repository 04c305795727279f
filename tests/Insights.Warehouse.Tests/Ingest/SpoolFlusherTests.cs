using System.Text;
using Insights.TestSupport;
using Insights.Warehouse.ClickHouse;
using Insights.Warehouse.Ingest;
using Microsoft.Extensions.Logging.Abstractions;

namespace Insights.Warehouse.Tests.Ingest;

public sealed class SpoolFlusherTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "insights-spool-tests", Guid.NewGuid().ToString("N"));
    private TestClickHouseDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestClickHouseDatabase.CreateAsync(migrate: false);
        await _db.Client.ExecuteAsync("CREATE TABLE items (id String, n UInt64, _version UInt64) ENGINE = ReplacingMergeTree(_version) ORDER BY id");
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        if (Directory.Exists(_path))
        {
            Directory.Delete(_path, recursive: true);
        }
    }

    private (EventSpool Spool, SpoolFlusher Flusher) Create(ClickHouseClient? client = null)
    {
        var options = new SpoolOptions { Path = _path, FlushInterval = TimeSpan.FromHours(1) };
        var spool = new EventSpool(options, NullLogger<EventSpool>.Instance, TimeProvider.System);
        return (spool, new SpoolFlusher(spool, client ?? _db.Client, options, NullLogger<SpoolFlusher>.Instance, TimeProvider.System));
    }

    [Fact]
    public async Task FlushAsync_MovesEverythingIntoClickHouse_AndEmptiesTheSpool()
    {
        var (spool, flusher) = Create();
        await using (spool)
        {
            await spool.AppendAsync("items", Encoding.UTF8.GetBytes("{\"id\":\"a\",\"n\":1,\"_version\":1}\n{\"id\":\"b\",\"n\":2,\"_version\":2}\n"), 2);

            await flusher.FlushAsync();

            Assert.Equal(2UL, await _db.Client.QueryScalarAsync<ulong>("SELECT count() FROM items"));
            Assert.Empty(spool.ReadySegments());
            Assert.Equal(0, spool.PendingRows);
        }
    }

    [Fact]
    public async Task Segment_InsertedTwiceAfterACrash_IsStillOneEventPerKey()
    {
        // A crash after the INSERT succeeded but before the segment was deleted: the next start inserts it again.
        var (spool, flusher) = Create();
        await using (spool)
        {
            var rows = Encoding.UTF8.GetBytes("{\"id\":\"a\",\"n\":1,\"_version\":7}\n");
            await spool.AppendAsync("items", rows, 1);
            await spool.SealAllAsync();
            var segment = spool.ReadySegments()[0];
            var copy = segment.FilePath + ".copy";
            File.Copy(segment.FilePath, copy);
            await flusher.FlushAsync();
            File.Move(copy, segment.FilePath);
        }

        var (again, flusherAgain) = Create();
        await using (again)
        {
            await flusherAgain.FlushAsync();
        }

        Assert.Equal(1UL, await _db.Client.QueryScalarAsync<ulong>("SELECT count() FROM items FINAL"));
        Assert.Equal(1UL, await _db.Client.QueryScalarAsync<ulong>("SELECT uniqExact(id, n, _version) FROM items"));
    }

    [Fact]
    public async Task MalformedSegment_IsSetAside_AndTheRestStillFlows()
    {
        var (spool, flusher) = Create();
        await using (spool)
        {
            await spool.AppendAsync("items", Encoding.UTF8.GetBytes("{\"id\":\"a\",\"n\":\"not a number\",\"_version\":1}\n"), 1);
            await spool.SealAllAsync();
            await spool.AppendAsync("items", Encoding.UTF8.GetBytes("{\"id\":\"b\",\"n\":2,\"_version\":2}\n"), 1);

            await flusher.FlushAsync();

            Assert.Equal(["b"], (await _db.Client.QueryAsync<Dictionary<string, object>>("SELECT id FROM items")).Select(r => r["id"].ToString()));
            Assert.Single(Directory.GetFiles(Path.Combine(_path, "dead")));
        }
    }

    [Fact]
    public async Task UnreachableClickHouse_KeepsTheSegment_ForALaterRetry()
    {
        var nowhere = new ClickHouseClient(new HttpClient(), new ClickHouseOptions { Url = "http://127.0.0.1:1", Database = _db.Name });
        var (spool, flusher) = Create(nowhere);
        await using (spool)
        {
            await spool.AppendAsync("items", Encoding.UTF8.GetBytes("{\"id\":\"a\",\"n\":1,\"_version\":1}\n"), 1);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => flusher.FlushAsync(cts.Token));

            Assert.Single(spool.ReadySegments());
            Assert.NotNull(flusher.LastError);
        }
    }
}
