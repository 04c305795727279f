using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Insights.Warehouse.ClickHouse;
using Insights.Warehouse.Sql;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Insights.Warehouse.Metrics.KeptRows;

/// <summary>
/// The kept tables (docs/adr/0007-kept-rows.md): each holds the rows of one <see cref="KeptRowsShape"/>
/// as its reference SQL computed them on one version of the data (<c>kept_rows/data_version.sql</c>), and
/// is named after both, <c>kept_rows_{shape}_{version}</c>. A question finds the table of its shape and
/// of the data's current version, or none; a table of another version is never read, so an answer is
/// never staler than the data nor a mix of two versions. On a cluster nothing is kept (each node sees
/// only its own parts, so no node can tell the data's version).
/// </summary>
public sealed class KeptRowsStore(ClickHouseClient clickHouse, IOptions<ClickHouseOptions> clickHouseOptions, ILogger<KeptRowsStore>? logger = null)
{
    /// <summary>At most this many kept tables stay; the least recently built go first.</summary>
    public const int MaxTables = 64;

    private const string Prefix = "kept_rows_";
    private const string BuildingPrefix = "kept_building_";
    private readonly ILogger _logger = logger ?? NullLogger<KeptRowsStore>.Instance;
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _columns = new(StringComparer.Ordinal);

    public bool Enabled => !clickHouseOptions.Value.IsCluster;

    /// <summary>The data's current version: one query on ClickHouse's own tables, a few milliseconds.</summary>
    public async Task<string> DataVersionAsync(CancellationToken cancellationToken) =>
        await clickHouse.QueryScalarAsync<string>(SqlResources.Read("clickhouse/kept_rows/data_version.sql"), cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException("ClickHouse answered no data version.");

    /// <summary>The kept table of this shape on the data's current version, with its columns; null when none is kept.</summary>
    public async Task<KeptTable?> FindAsync(KeptRowsShape shape, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return null;
        }

        var sql = $"""
            SELECT ({SqlResources.Read("clickhouse/kept_rows/data_version.sql")}) AS version,
                groupArray(name) AS tables
            FROM system.tables
            WHERE database = currentDatabase() AND startsWith(name, {SqlLiteral.String(Prefix + shape.Key + "_")})
            """;
        var row = (await clickHouse.QueryAsync<Dictionary<string, JsonElement>>(sql, cancellationToken).ConfigureAwait(false)).Single();
        var name = TableName(shape, row["version"].GetString()!);
        if (!row["tables"].EnumerateArray().Any(t => t.GetString() == name))
        {
            return null;
        }

        return new KeptTable(name, await ColumnsAsync(name, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Computes the shape's rows with its reference SQL and keeps them under the data's current version,
    /// unless a table of that version is kept already. When the data changes while they are computed, the
    /// rows are thrown away (they may mix two versions) and <see cref="KeptRowsOutcome.DataChanged"/> says so.
    /// </summary>
    public async Task<KeptRowsOutcome> KeepAsync(KeptRowsShape shape, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return KeptRowsOutcome.NotOnACluster;
        }

        if (await FindAsync(shape, cancellationToken).ConfigureAwait(false) is not null)
        {
            return KeptRowsOutcome.AlreadyKept;
        }

        var started = Stopwatch.GetTimestamp();
        var before = await DataVersionAsync(cancellationToken).ConfigureAwait(false);
        // Rows of data deleted since (a mutation moves the version) leave with their tables, whether or not these rows can be kept now.
        await DropOutdatedAsync(before, cancellationToken).ConfigureAwait(false);
        string? building = $"{BuildingPrefix}{shape.Key}_{Guid.NewGuid():N}";
        var question = shape.Question;
        _logger.LogInformation("Keeping the rows of {Metric} {From:yyyy-MM-dd}..{To:yyyy-MM-dd} (environment {Environment}) on data version {Version}",
            question.Metric.Name, question.From, question.To, question.Environment ?? "any production", before);
        try
        {
            await using (var session = await MetricSession.OpenAsync(clickHouse, shape.Setup, cancellationToken).ConfigureAwait(false))
            {
                // group_team first in the sort key: a team's question reads its own granules only.
                await session.ExecuteAsync($"CREATE TABLE {building} ENGINE = MergeTree ORDER BY group_team AS {shape.Rows}", cancellationToken).ConfigureAwait(false);
            }

            var after = await DataVersionAsync(cancellationToken).ConfigureAwait(false);
            if (after != before)
            {
                _logger.LogInformation("The data changed while the rows of {Metric} were computed; nothing kept (questions use the reference path)", question.Metric.Name);
                return KeptRowsOutcome.DataChanged;
            }

            var name = TableName(shape, after);
            try
            {
                await clickHouse.ExecuteAsync($"RENAME TABLE {building} TO {name}", cancellationToken).ConfigureAwait(false);
                building = null;
            }
            catch (ClickHouseException)
            {
                // Another instance kept the same rows first.
                return KeptRowsOutcome.AlreadyKept;
            }

            var count = await clickHouse.QueryScalarAsync<long>($"SELECT count() FROM {name}", cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("Kept {Rows} rows of {Metric} {From:yyyy-MM-dd}..{To:yyyy-MM-dd} in {Table} ({Seconds:0.0} s)",
                count, question.Metric.Name, question.From, question.To, name, Stopwatch.GetElapsedTime(started).TotalSeconds);
            await DropOutdatedAsync(after, cancellationToken).ConfigureAwait(false);
            return KeptRowsOutcome.Kept;
        }
        finally
        {
            if (building is not null)
            {
                await clickHouse.ExecuteAsync($"DROP TABLE IF EXISTS {building}", CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Drops every kept table of another data version ten minutes after it was built (no question finds it
    /// any more; one that found it just before stays answerable), tables left half-built for an hour, and
    /// the oldest beyond <see cref="MaxTables"/>.
    /// </summary>
    private async Task DropOutdatedAsync(string version, CancellationToken cancellationToken)
    {
        var tables = await clickHouse.QueryAsync<Dictionary<string, JsonElement>>(
            $"""
            SELECT name, metadata_modification_time < now() - 600 AS outdated, metadata_modification_time < now() - 3600 AS abandoned
            FROM system.tables
            WHERE database = currentDatabase() AND (startsWith(name, '{Prefix}') OR startsWith(name, '{BuildingPrefix}'))
            ORDER BY metadata_modification_time DESC, name
            """, cancellationToken).ConfigureAwait(false);
        var current = 0;
        foreach (var table in tables)
        {
            var name = table["name"].GetString()!;
            var outdated = name.StartsWith(BuildingPrefix, StringComparison.Ordinal)
                ? table["abandoned"].GetInt32() == 1
                : name.EndsWith("_" + version, StringComparison.Ordinal) ? ++current > MaxTables : table["outdated"].GetInt32() == 1;
            if (outdated)
            {
                await clickHouse.ExecuteAsync($"DROP TABLE IF EXISTS {name}", cancellationToken).ConfigureAwait(false);
                _columns.TryRemove(name, out _);
            }
        }
    }

    private async Task<IReadOnlyList<string>> ColumnsAsync(string table, CancellationToken cancellationToken)
    {
        if (_columns.TryGetValue(table, out var known))
        {
            return known;
        }

        var columns = (await clickHouse.QueryAsync<Dictionary<string, JsonElement>>(
                $"SELECT name FROM system.columns WHERE database = currentDatabase() AND table = {SqlLiteral.String(table)}", cancellationToken).ConfigureAwait(false))
            .Select(c => c["name"].GetString()!)
            .ToList();
        // A table's columns never change; an empty list means it was dropped meanwhile.
        if (columns.Count > 0)
        {
            _columns[table] = columns;
        }

        return columns;
    }

    private static string TableName(KeptRowsShape shape, string version) => $"{Prefix}{shape.Key}_{version}";
}
