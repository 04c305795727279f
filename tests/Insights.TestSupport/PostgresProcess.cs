namespace Insights.TestSupport;

/// <summary>
/// A PostgreSQL cluster of a test's own (Debian's PostgreSQL 15 binaries) that the test may stop and
/// start. PostgreSQL refuses to run as root, so as root it runs as the postgres user.
/// </summary>
public sealed class PostgresProcess : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string _directory;

    private PostgresProcess(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database = "postgres") => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=3";

    public static async Task<PostgresProcess> StartAsync()
    {
        var directory = Path.Combine("/var/tmp", "insights-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        if (LocalProcess.IsRoot)
        {
            await LocalProcess.RunAsync("chown", "postgres:postgres", directory);
        }

        var server = new PostgresProcess(directory, LocalProcess.FreePort());
        await server.AsOwnerAsync($"{Bin}/initdb", "-D", $"{directory}/data", "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await server.StartAgainAsync();
        return server;
    }

    public Task StartAgainAsync() => AsOwnerAsync($"{Bin}/pg_ctl", "-D", $"{_directory}/data", "-l", $"{_directory}/log", "-w", "-t", "60",
        "-o", $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1", "start");

    public Task StopAsync() => AsOwnerAsync($"{Bin}/pg_ctl", "-D", $"{_directory}/data", "-m", "immediate", "-w", "stop");

    public async Task CreateDatabaseAsync(string name)
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_directory, recursive: true);
    }

    private Task<string> AsOwnerAsync(string file, params string[] args) =>
        LocalProcess.IsRoot ? LocalProcess.RunAsync("runuser", ["-u", "postgres", "--", file, .. args]) : LocalProcess.RunAsync(file, args);
}
