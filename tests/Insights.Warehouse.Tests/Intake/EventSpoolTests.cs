using System.Text;
using Insights.Warehouse.Intake;
using Microsoft.Extensions.Logging.Abstractions;

namespace Insights.Warehouse.Tests.Intake;

public sealed class EventSpoolTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "insights-spool-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_path))
        {
            Directory.Delete(_path, recursive: true);
        }
    }

    private EventSpool Open(long maxBytes = 1 << 20, TimeSpan? interval = null) => new(
        new SpoolOptions { Path = _path, MaxBytes = maxBytes, FlushInterval = interval ?? TimeSpan.FromHours(1) },
        NullLogger<EventSpool>.Instance,
        TimeProvider.System);

    private static ReadOnlyMemory<byte> Lines(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    [Fact]
    public async Task AppendAsync_IsOnDiskWhenItReturns()
    {
        await using var spool = Open();

        await spool.AppendAsync("deployments", Lines("{\"id\":\"a\"}", "{\"id\":\"b\"}"), 2);

        var file = Assert.Single(Directory.GetFiles(_path, "*.open"));
        Assert.Equal("{\"id\":\"a\"}\n{\"id\":\"b\"}\n", await ReadSharedAsync(file));
        Assert.Equal(2, spool.PendingRows);
    }

    [Fact]
    public async Task SealAllAsync_MakesOneReadySegmentPerTable()
    {
        await using var spool = Open();
        await Task.WhenAll(
            spool.AppendAsync("deployments", Lines("{\"id\":\"a\"}"), 1),
            spool.AppendAsync("incidents", Lines("{\"id\":\"i\"}"), 1),
            spool.AppendAsync("deployments", Lines("{\"id\":\"b\"}"), 1));

        await spool.SealAllAsync();

        var ready = spool.ReadySegments();
        Assert.Equal(["deployments", "incidents"], ready.Select(s => s.Table).Order(StringComparer.Ordinal));
        Assert.Equal(2, File.ReadAllLines(ready.Single(s => s.Table == "deployments").FilePath).Length);
    }

    [Fact]
    public async Task Segments_AreSealedByAge()
    {
        await using var spool = Open(interval: TimeSpan.FromMilliseconds(100));
        await spool.AppendAsync("deployments", Lines("{\"id\":\"a\"}"), 1);

        await spool.WaitForReadyAsync(TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Single(spool.ReadySegments());
    }

    [Fact]
    public async Task AppendAsync_RefusesWhenFull_AndKeepsWhatItHas()
    {
        await using var spool = Open(maxBytes: 30);
        await spool.AppendAsync("deployments", Lines("{\"id\":\"0123456789\"}"), 1);

        var error = await Assert.ThrowsAsync<SpoolFullException>(() => spool.AppendAsync("deployments", Lines("{\"id\":\"0123456789\"}"), 1));

        Assert.True(error.RetryAfter > TimeSpan.Zero);
        Assert.Equal(1, spool.PendingRows);
    }

    [Fact]
    public async Task Recovery_SealsOpenSegments_AndDropsOnlyATornLastLine()
    {
        Directory.CreateDirectory(_path);
        await File.WriteAllTextAsync(Path.Combine(_path, "0000000000000007-deployments.open"), "{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c");

        await using var spool = Open();

        var segment = Assert.Single(spool.ReadySegments());
        Assert.Equal(7, segment.Sequence);
        Assert.Equal("{\"id\":\"a\"}\n{\"id\":\"b\"}\n", await File.ReadAllTextAsync(segment.FilePath));
        Assert.Equal(2, spool.PendingRows);
        await spool.AppendAsync("deployments", Lines("{\"id\":\"d\"}"), 1);
        await spool.SealAllAsync();
        Assert.Equal([7L, 8L], spool.ReadySegments().Select(s => s.Sequence));
    }

    [Fact]
    public async Task Quarantine_MovesASegmentAside()
    {
        await using var spool = Open();
        await spool.AppendAsync("deployments", Lines("{\"id\":\"a\"}"), 1);
        await spool.SealAllAsync();

        var target = spool.Quarantine(spool.ReadySegments()[0], 1);

        Assert.Empty(spool.ReadySegments());
        Assert.True(File.Exists(target));
        Assert.Equal(0, spool.PendingBytes);
    }

    private static async Task<string> ReadSharedAsync(string file)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
