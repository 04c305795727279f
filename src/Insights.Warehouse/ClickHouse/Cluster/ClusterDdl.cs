using System.Text.RegularExpressions;

namespace Insights.Warehouse.ClickHouse.Cluster;

/// <summary>
/// Turns a migration statement written for one server into its cluster form, so that each table has
/// one definition (docs/adr/0006-cluster-sharding.md):
/// <list type="bullet">
/// <item><c>CREATE TABLE t … ENGINE = XMergeTree(…)</c> → <c>t_local</c> on every node (<c>ON CLUSTER</c>) as
/// <c>ReplicatedXMergeTree</c> with the same arguments, plus <c>t</c> as a <c>Distributed</c> table over it
/// (<see cref="ClusterSharding"/>), so every query reads and writes the usual name unchanged;</item>
/// <item><c>CREATE MATERIALIZED VIEW v TO t AS SELECT … FROM s</c> → the view on every node, from
/// <c>s_local</c> to <c>t_local</c> (each shard aggregates the rows it stores);</item>
/// <item><c>ALTER TABLE t</c> → on <c>t_local</c>; a column change also re-creates the <c>Distributed</c>
/// table (ClickHouse 18.16 refuses ALTER … ON CLUSTER on it), which holds no data;</item>
/// <item><c>INSERT INTO … SELECT</c> runs as written, through the Distributed tables, once.</item>
/// </list>
/// Anything else has no cluster form yet and is refused, so that a new kind of migration is noticed by
/// the cluster tests instead of creating a table on one node only.
/// </summary>
public static partial class ClusterDdl
{
    public static string LocalName(string table) => table + "_local";

    /// <summary>The ZooKeeper path of a replicated table; <c>{shard}</c> and <c>{replica}</c> are each node's macros.</summary>
    public static string ReplicaPath(string cluster, string database, string table, bool perShard = true) =>
        $"/clickhouse/{cluster}/tables/{(perShard ? "{shard}" : "all")}/{database}/{table}";

    public static IReadOnlyList<string> Translate(string statement, string database, string cluster)
    {
        var sql = StripComments(statement);
        var db = SqlLiteral.Identifier(database);
        var on = $"ON CLUSTER {SqlLiteral.Identifier(cluster)}";

        if (CreateTable().Match(sql) is { Success: true } create)
        {
            var name = create.Groups["name"].Value;
            var (columns, afterColumns) = Balanced(sql, create.Length - 1);
            var engine = EngineClause().Match(sql, afterColumns);
            if (!engine.Success || engine.Index != afterColumns)
            {
                throw Unsupported(statement, "a CREATE TABLE needs an ENGINE after its columns");
            }

            var engineName = engine.Groups["engine"].Value;
            if (!engineName.EndsWith("MergeTree", StringComparison.Ordinal) || engineName.StartsWith("Replicated", StringComparison.Ordinal))
            {
                throw Unsupported(statement, $"engine {engineName} has no replicated form");
            }

            var rest = sql[(engine.Index + engine.Length)..];
            var arguments = string.Empty;
            if (rest.TrimStart().StartsWith('('))
            {
                var open = engine.Index + engine.Length + (rest.Length - rest.TrimStart().Length);
                var (inner, end) = Balanced(sql, open);
                arguments = inner.Trim();
                rest = sql[end..];
            }

            var local = LocalName(name);
            var replicated = $"Replicated{engineName}({SqlLiteral.String(ReplicaPath(cluster, database, local))}, '{{replica}}'{(arguments.Length > 0 ? ", " + arguments : string.Empty)})";
            return
            [
                $"CREATE TABLE IF NOT EXISTS {db}.{local} {on}\n({columns})\nENGINE = {replicated}{rest}",
                DistributedTable(db, on, cluster, name),
            ];
        }

        if (CreateView().Match(sql) is { Success: true } view)
        {
            var select = FromTable().Replace(view.Groups["select"].Value, from => ClusterSharding.IsSharded(from.Groups["table"].Value)
                ? $"{from.Groups["from"].Value}{db}.{LocalName(from.Groups["table"].Value)}"
                : throw Unsupported(statement, $"the view reads {from.Groups["table"].Value}, which is not a sharded table"));
            var target = view.Groups["target"].Value;
            ClusterSharding.KeyOf(target);
            return [$"CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.{view.Groups["name"].Value} {on} TO {db}.{LocalName(target)} AS {select}"];
        }

        if (AlterTable().Match(sql) is { Success: true } alter)
        {
            var name = alter.Groups["name"].Value;
            ClusterSharding.KeyOf(name);
            var operations = alter.Groups["operations"].Value;
            var statements = new List<string> { $"ALTER TABLE {db}.{LocalName(name)} {on} {operations}" };
            if (ColumnChange().IsMatch(operations))
            {
                statements.Add($"DROP TABLE IF EXISTS {db}.{name} {on}");
                statements.Add(DistributedTable(db, on, cluster, name));
            }

            return statements;
        }

        if (InsertSelect().IsMatch(sql))
        {
            return [sql];
        }

        throw Unsupported(statement, "only CREATE TABLE (MergeTree family), CREATE MATERIALIZED VIEW … TO, ALTER TABLE and INSERT … SELECT are translated");
    }

    private static string DistributedTable(string db, string on, string cluster, string name) =>
        $"CREATE TABLE IF NOT EXISTS {db}.{name} {on} AS {db}.{LocalName(name)}\n" +
        $"ENGINE = Distributed({SqlLiteral.Identifier(cluster)}, {db}, {LocalName(name)}, {ClusterSharding.KeyOf(name)})";

    /// <summary>The text inside the parentheses that open at <paramref name="open"/>, and the index after the closing one.</summary>
    private static (string Inner, int End) Balanced(string sql, int open)
    {
        var depth = 0;
        for (var i = open; i < sql.Length; i++)
        {
            switch (sql[i])
            {
                case '(':
                    depth++;
                    break;
                case ')' when --depth == 0:
                    return (sql[(open + 1)..i], i + 1);
                case '\'':
                    i = sql.IndexOf('\'', i + 1);
                    if (i < 0)
                    {
                        throw new InvalidOperationException("Unterminated string in a migration statement.");
                    }

                    break;
            }
        }

        throw new InvalidOperationException("Unbalanced parentheses in a migration statement.");
    }

    private static string StripComments(string statement) =>
        string.Join('\n', statement.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim();

    private static InvalidOperationException Unsupported(string statement, string why) =>
        new($"This migration statement has no cluster form ({why}); extend {nameof(ClusterDdl)}:\n{statement}");

    [GeneratedRegex(@"^CREATE\s+TABLE\s+(IF\s+NOT\s+EXISTS\s+)?(?<name>\w+)\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTable();

    [GeneratedRegex(@"\s*ENGINE\s*=\s*(?<engine>\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex EngineClause();

    [GeneratedRegex(@"^CREATE\s+MATERIALIZED\s+VIEW\s+(IF\s+NOT\s+EXISTS\s+)?(?<name>\w+)\s+TO\s+(?<target>\w+)\s+AS\s+(?<select>SELECT\b.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex CreateView();

    [GeneratedRegex(@"(?<from>\bFROM\s+)(?<table>\w+)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FromTable();

    [GeneratedRegex(@"^ALTER\s+TABLE\s+(?<name>\w+)\s+(?<operations>.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex AlterTable();

    [GeneratedRegex(@"\b(ADD|DROP|MODIFY|CLEAR)\s+COLUMN\b", RegexOptions.IgnoreCase)]
    private static partial Regex ColumnChange();

    [GeneratedRegex(@"^INSERT\s+INTO\s+\w+(\s*\([^)]*\))?\s+SELECT\b", RegexOptions.IgnoreCase)]
    private static partial Regex InsertSelect();
}
