using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;

namespace Insights.Warehouse.ClickHouse;

/// <summary>
/// Copies every event table (the tables with an ingestion <c>_version</c>) of one warehouse into another,
/// e.g. a single server's into a cluster (docs/operations.md, "Scaling"). Rows keep their versions, so the
/// copy deduplicates as the original did, and events pushed to the target meanwhile (newer versions) win
/// over their older copies. Tables fed by a materialized view (deployment_firsts) fill themselves from the
/// copied rows. A table is refused when the target already holds rows of its versions (a copy ran
/// before); after each table the target must hold exactly the source's rows, or the copy fails.
/// </summary>
public sealed class WarehouseCopy(ClickHouseClient source, ClickHouseClient target, ILogger<WarehouseCopy> logger)
{
    public async Task<IReadOnlyList<TableCopied>> CopyAsync(CancellationToken cancellationToken = default)
    {
        // TRICKY: no alias 'name' here: it would replace the column name in WHERE.
        var tables = await source.QueryAsync<EventTable>(
            $"SELECT table FROM system.columns WHERE database = {SqlLiteral.String(source.Database)} AND name = '_version' ORDER BY table",
            cancellationToken).ConfigureAwait(false);
        if (tables.Count == 0)
        {
            throw new InvalidOperationException($"{source.Database} at {source.Options.Url} holds no event table to copy.");
        }

        var copied = new List<TableCopied>();
        foreach (var table in tables.Select(t => t.Table))
        {
            var name = SqlLiteral.Identifier(table);
            var extent = await source.QueryAsync<Extent>($"SELECT count() AS rows, max(_version) AS max_version FROM {name}", cancellationToken).ConfigureAwait(false);
            var (rows, maxVersion) = (extent[0].Rows, extent[0].MaxVersion);
            if (rows == 0)
            {
                copied.Add(new TableCopied(table, 0));
                continue;
            }

            var present = await target.QueryScalarAsync<ulong>($"SELECT count() FROM {name} WHERE _version <= {maxVersion}", cancellationToken).ConfigureAwait(false);
            if (present > 0)
            {
                throw new InvalidOperationException(
                    $"{target.Database}.{table} already holds {present} rows from before the copy (a copy ran before, perhaps partly). " +
                    "Copy into a new, empty warehouse database instead.");
            }

            logger.LogInformation("Copying {Rows} rows of {Table}", rows, table);
            await using (var stream = await source.OpenJsonEachRowAsync($"SELECT * FROM {name}", target.Options.InsertTimeout, cancellationToken).ConfigureAwait(false))
            {
                await target.InsertJsonEachRowAsync(table, () => stream, -1, cancellationToken).ConfigureAwait(false);
            }

            var landed = await target.QueryScalarAsync<ulong>($"SELECT count() FROM {name} WHERE _version <= {maxVersion}", cancellationToken).ConfigureAwait(false);
            if (landed != rows)
            {
                throw new InvalidOperationException($"{table}: {rows} rows read from {source.Database} but {landed} found in {target.Database} after the copy.");
            }

            copied.Add(new TableCopied(table, rows));
        }

        return copied;
    }

    public sealed record TableCopied(string Table, ulong Rows);

    private sealed record EventTable(string Table);

    private sealed record Extent(ulong Rows, [property: JsonPropertyName("max_version")] ulong MaxVersion);
}
