using Insights.Server;
using Insights.Server.Hosting;

// `Insights.Server` serves; `migrate`, `schema`, `explain <metric>` and `copy-warehouse` are one-shot commands.
var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "serve";
WebApplication app;
try
{
    // One-shot commands print their result on stdout: keep the host's own logging to warnings.
    app = InsightsApp.Build(command == "serve"
        ? (args.Length == 0 || args[0] != "serve" ? args : args[1..])
        : [.. args[1..], "--Logging:LogLevel:Default=Warning"]);
}
catch (Insights.Server.Configuration.ConfigFileException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 3;
}

return command switch
{
    "serve" => await RunAsync(app),
    "migrate" => await Commands.MigrateAsync(app),
    "schema" => await Commands.DumpSchemaAsync(app),
    "explain" => Commands.Explain(app, args[1..].Where(a => !a.StartsWith('-')).ToArray()),
    "copy-warehouse" => await Commands.CopyWarehouseAsync(app, args[1..]),
    _ => Commands.Usage(command),
};

static async Task<int> RunAsync(WebApplication app)
{
    await app.RunAsync();
    return 0;
}

/// <summary>Exposed so tests can reach the host's types.</summary>
public partial class Program;
