using System.Text;
using Insights.TestSupport;
using Insights.Warehouse.ClickHouse;
using Insights.Warehouse.Intake;
using Microsoft.Extensions.Logging.Abstractions;

namespace Insights.Warehouse.Tests.Intake;

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
    public async Task Segment_WhoseInsertMayHaveLanded_IsNotInsertedAgain()
    {
        // A crash after the INSERT succeeded but before the segment was deleted: the segment and its
        // attempt marker are still there at the next start.
        var (spool, flusher) = Create();
        await using (spool)
        {
            await spool.AppendAsync("items", Encoding.UTF8.GetBytes("{\"id\":\"a\",\"n\":1,\"_version\":7}\n"), 1);
            await spool.SealAllAsync();
            var segment = spool.ReadySegments()[0];
            var copy = segment.FilePath + ".copy";
            File.Copy(segment.FilePath, copy);
            await flusher.FlushAsync();
            File.Move(copy, segment.FilePath);
            await File.WriteAllBytesAsync(segment.AttemptMarkerPath, []);
        }

        var (again, flusherAgain) = Create();
        await using (again)
        {
            await flusherAgain.FlushAsync();
            Assert.Empty(Directory.GetFiles(_path));
        }

        Assert.Equal(1UL, await _db.Client.QueryScalarAsync<ulong>("SELECT count() FROM items"));
    }

    [Fact]
    public async Task Segment_PartlyInsertedBeforeACrash_GetsOnlyItsMissingRows()
    {
        Directory.CreateDirectory(_path);
        await _db.Client.ExecuteAsync("INSERT INTO items (id, n, _version) VALUES ('a', 1, 101)");
        var segment = Path.Combine(_path, "0000000000000001-items.ready");
        await File.WriteAllTextAsync(segment, "{\"id\":\"a\",\"n\":1,\"_version\":101}\n{\"id\":\"b\",\"n\":2,\"_version\":102}\n");
        await File.WriteAllBytesAsync(Path.ChangeExtension(segment, ".attempt"), []);

        var (spool, flusher) = Create();
        await using (spool)
        {
            await flusher.FlushAsync();
        }

        var rows = await _db.Client.QueryAsync<Dictionary<string, object>>("SELECT id FROM items ORDER BY id");
        Assert.Equal(["a", "b"], rows.Select(r => r["id"].ToString()));
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
