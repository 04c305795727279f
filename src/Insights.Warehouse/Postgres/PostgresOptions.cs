namespace Insights.Warehouse.Postgres;

/// <summary>The product database: API keys, connector cursors, survey campaigns, report archive. Never metrics.</summary>
public sealed class PostgresOptions
{
    public const string Section = "Postgres";

    public string ConnectionString { get; set; } = "Host=127.0.0.1;Port=5432;Username=postgres;Database=insights";
}
