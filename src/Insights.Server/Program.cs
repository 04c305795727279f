using Insights.Server;
using Insights.Server.Hosting;

// `Insights.Server` serves; `Insights.Server migrate` and `Insights.Server schema` are one-shot commands.
var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "serve";
var app = InsightsApp.Build(command == "serve" && (args.Length == 0 || args[0] != "serve") ? args : args[1..]);
return command switch
{
    "serve" => await RunAsync(app),
    "migrate" => await Commands.MigrateAsync(app),
    "schema" => await Commands.DumpSchemaAsync(app),
    _ => Commands.Usage(command),
};

static async Task<int> RunAsync(WebApplication app)
{
    await app.RunAsync();
    return 0;
}

/// <summary>Exposed so tests can reach the host's types.</summary>
public partial class Program;
