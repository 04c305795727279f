using Insights.Warehouse.ClickHouse.Cluster;

namespace Insights.Warehouse.Tests.ClickHouse.Cluster;

/// <summary>
/// The cluster form of each kind of migration statement (the whole schema is compared with
/// sql/clickhouse/schema.cluster.sql on the real cluster by ClickHouseMigratorTests).
/// </summary>
public class ClusterDdlTests
{
    [Fact]
    public void AlterTable_ChangesTheLocalTables_AndRecreatesTheDistributedOne_WhenAColumnChanges()
    {
        var forms = ClusterDdl.Translate("-- why\nALTER TABLE pull_requests ADD COLUMN author_type String", "db", "c");

        Assert.Equal(
        [
            "ALTER TABLE `db`.pull_requests_local ON CLUSTER `c` ADD COLUMN author_type String",
            "DROP TABLE IF EXISTS `db`.pull_requests ON CLUSTER `c`",
            "CREATE TABLE IF NOT EXISTS `db`.pull_requests ON CLUSTER `c` AS `db`.pull_requests_local\nENGINE = Distributed(`c`, `db`, pull_requests_local, cityHash64(repository))",
        ], forms);
    }

    [Fact]
    public void CreateTable_KeepsTheEngineArguments_AfterTheReplicaPath()
    {
        var forms = ClusterDdl.Translate(
            "CREATE TABLE IF NOT EXISTS engineers (id String, start_date Date, _version UInt64) ENGINE = ReplacingMergeTree(_version) ORDER BY (id)", "db", "c");

        Assert.Equal(2, forms.Count);
        Assert.Contains("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/c/tables/{shard}/db/engineers_local', '{replica}', _version) ORDER BY (id)", forms[0]);
        Assert.Contains("Distributed(`c`, `db`, engineers_local, cityHash64(id))", forms[1]);
    }

    [Theory]
    [InlineData("CREATE TABLE IF NOT EXISTS things (id String) ENGINE = Memory")]
    [InlineData("CREATE TABLE IF NOT EXISTS unsharded (id String) ENGINE = MergeTree ORDER BY id")]
    [InlineData("OPTIMIZE TABLE deployments FINAL")]
    [InlineData("CREATE VIEW v AS SELECT 1")]
    public void StatementsWithoutAClusterForm_AreRefused(string statement) =>
        Assert.Throws<InvalidOperationException>(() => ClusterDdl.Translate(statement, "db", "c"));
}
