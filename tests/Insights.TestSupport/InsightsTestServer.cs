using System.Net.Http.Headers;
using System.Net.Http.Json;
using Insights.Domain.Json;
using Insights.Server;
using Insights.Warehouse.ClickHouse;
using Insights.Warehouse.Intake;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Insights.TestSupport;

/// <summary>
/// The real host on a real loopback port, with its own fresh ClickHouse and PostgreSQL
/// databases and spool folder. Nothing is mocked: requests cross a socket, rows land in ClickHouse.
/// </summary>
public sealed class InsightsTestServer : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key-0123456789";

    private readonly bool _ownsDatabases;
    private bool _ownsSpool;
    private bool _stopped;

    private InsightsTestServer(WebApplication app, Uri address, TestClickHouseDatabase clickHouse, TestPostgresDatabase postgres, string spoolPath, bool ownsDatabases)
    {
        App = app;
        Address = address;
        ClickHouseDatabase = clickHouse;
        PostgresDatabase = postgres;
        SpoolPath = spoolPath;
        _ownsDatabases = ownsDatabases;
        Client = CreateClient(AdminKey);
        Anonymous = CreateClient(null);
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public TestClickHouseDatabase ClickHouseDatabase { get; }

    public TestPostgresDatabase PostgresDatabase { get; }

    public ClickHouseClient ClickHouse => ClickHouseDatabase.Client;

    public string SpoolPath { get; }

    /// <summary>A client holding the bootstrap admin key.</summary>
    public HttpClient Client { get; }

    public HttpClient Anonymous { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>
    /// Starts a server. <paramref name="settings"/> override configuration keys;
    /// <paramref name="reuse"/> starts a second server over the databases and spool of an earlier one
    /// (with <paramref name="ownSpool"/>, a spool of its own: two servers running side by side).
    /// </summary>
    public static async Task<InsightsTestServer> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null,
        InsightsTestServer? reuse = null,
        string? clickHouseUrl = null,
        string? cluster = null,
        bool ownSpool = false)
    {
        // The tests' own warehouse (the cluster in the cluster run), or the server and cluster given.
        cluster = clickHouseUrl is null ? TestServices.Cluster : cluster ?? string.Empty;
        var clickHouse = reuse?.ClickHouseDatabase ?? await TestClickHouseDatabase.CreateAsync(migrate: false, clickHouseUrl, cluster);
        var postgres = reuse?.PostgresDatabase ?? await TestPostgresDatabase.CreateAsync();
        var spool = (ownSpool ? null : reuse?.SpoolPath) ?? Path.Combine(Path.GetTempPath(), "insights-tests", Guid.NewGuid().ToString("N"));
        var config = new Dictionary<string, string?>
        {
            ["ClickHouse:Url"] = clickHouseUrl ?? TestServices.ClickHouseUrl,
            ["ClickHouse:Database"] = clickHouse.Name,
            ["ClickHouse:Cluster"] = cluster,
            ["Postgres:ConnectionString"] = postgres.ConnectionString,
            ["Spool:Path"] = spool,
            ["Spool:FlushInterval"] = "00:00:00.200",
            // Tests check answers, not speed (benchmarks do): on a busy machine the heaviest questions (every
            // team's before/after) may take longer than production's 30 s, and must not turn into a 504.
            ["ClickHouse:QueryTimeout"] = "00:03:00",
            ["Insights:AdminKey"] = AdminKey,
            ["Startup:WaitSeconds"] = "5",
            // Rate limits are tested on their own (AbuseTests); elsewhere they would only make tests flaky.
            ["RateLimits:PerKeyPerMinute"] = "0",
            ["RateLimits:AnonymousPerMinute"] = "0",
            ["RateLimits:SurveyAnswersPerMinute"] = "0",
            // Most tests need no job processing; tests of jobs set Insights:Role to "all".
            ["Insights:Role"] = "api",
            ["Jobs:PollInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var app = InsightsApp.Build(["--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(config);
            if (UnhandledErrorLog.PathFromEnvironment is { } errorLog)
            {
                builder.Logging.AddProvider(new UnhandledErrorLog(errorLog));
            }

            configure?.Invoke(builder);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new InsightsTestServer(app, new Uri(address), clickHouse, postgres, spool, ownsDatabases: reuse is null) { _ownsSpool = reuse is null || ownSpool };
    }

    public HttpClient CreateClient(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(4) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>Pushes items as a JSON array with the admin key and returns the answer.</summary>
    public Task<HttpResponseMessage> PushAsync(string route, object items) =>
        Client.PostAsync($"/api/v1/{route}", JsonContent.Create(items, options: ApiJson.Options));

    /// <summary>Pushes items that must all be accepted; fails with the server's answer otherwise.</summary>
    public async Task PushAllAsync<T>(string route, IEnumerable<T> items)
    {
        using var response = await PushAsync(route, items.ToList());
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != System.Net.HttpStatusCode.Accepted || !body.Contains("\"rejected\":[]", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"POST /api/v1/{route}: {(int)response.StatusCode} {body}");
        }
    }

    /// <summary>Writes everything accepted so far into ClickHouse.</summary>
    public Task FlushAsync() => Services.GetRequiredService<SpoolFlusher>().FlushAsync();

    /// <summary>Stops the host gracefully (as on SIGTERM), keeping its databases for inspection.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await App.StopAsync();
        await App.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Client.Dispose();
        Anonymous.Dispose();
        if (_ownsDatabases)
        {
            await ClickHouseDatabase.DisposeAsync();
            await PostgresDatabase.DisposeAsync();
        }

        if (_ownsSpool && Directory.Exists(SpoolPath))
        {
            Directory.Delete(SpoolPath, recursive: true);
        }
    }
}
