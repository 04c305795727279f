using Npgsql;

namespace Insights.TestSupport;

/// <summary>A fresh PostgreSQL database for one test class; dropped afterwards.</summary>
public sealed class TestPostgresDatabase : IAsyncDisposable
{
    private TestPostgresDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<TestPostgresDatabase> CreateAsync()
    {
        var name = TestServices.UniqueName("t");
        try
        {
            await using var admin = new NpgsqlConnection(TestServices.PostgresAdmin);
            await admin.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException(
                $"No PostgreSQL answers at '{TestServices.PostgresAdmin}'. The tests need the services ./test.sh starts; run ./test.sh.", ex);
        }

        var builder = new NpgsqlConnectionStringBuilder(TestServices.PostgresAdmin) { Database = name };
        return new TestPostgresDatabase(name, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var admin = new NpgsqlConnection(TestServices.PostgresAdmin);
            await admin.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // A test that stopped the server cleans up after itself.
        }
    }
}
