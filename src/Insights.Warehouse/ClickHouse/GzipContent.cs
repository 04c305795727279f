using System.IO.Compression;
using System.Net;

namespace Insights.Warehouse.ClickHouse;

/// <summary>A request body gzip-compressed on the fly from a source stream (chunked; no length known in advance).</summary>
internal sealed class GzipContent : HttpContent
{
    private readonly Func<Stream> _open;

    public GzipContent(Func<Stream> open)
    {
        _open = open;
        Headers.ContentEncoding.Add("gzip");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None).ConfigureAwait(false);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var source = _open();
        await using var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
        await source.CopyToAsync(gzip, 128 * 1024, cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
