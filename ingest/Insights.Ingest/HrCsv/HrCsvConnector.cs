using System.Security.Cryptography;
using Insights.Ingest.Connectors;
using Insights.Warehouse.Intake;
using Microsoft.Extensions.Logging;

namespace Insights.Ingest.HrCsv;

/// <summary>
/// Imports the HR export when its content changed since the last run (cursor: the file's SHA-256).
/// Invalid rows are logged and skipped; the valid ones are stored.
/// </summary>
public sealed class HrCsvConnector(HrCsvOptions options) : IConnector
{
    public string Name => options.Name;

    public string Kind => options.Kind;

    public string Schedule => options.Schedule;

    public async Task<SyncResult> SyncAsync(string? cursor, ConnectorContext context, CancellationToken cancellationToken)
    {
        if (!File.Exists(options.Path))
        {
            throw new FileNotFoundException($"The HR export {options.Path} (sources.hr_csv '{options.Name}') does not exist.", options.Path);
        }

        var hash = Convert.ToHexString(await SHA256.HashDataAsync(File.OpenRead(options.Path), cancellationToken).ConfigureAwait(false));
        if (hash == cursor)
        {
            return new SyncResult(cursor, 0);
        }

        var result = await new HrCsvImporter(context.Ingestor).ImportAsync(options.Path, options.Name, cancellationToken).ConfigureAwait(false);
        foreach (var rejected in result.Rejected.Take(20))
        {
            context.Logger.LogWarning("{Source}: row {Row} of {Path} was skipped: {Errors}", options.Name, rejected.Index + 2, options.Path,
                string.Join("; ", rejected.Errors.Select(e => $"{e.Key} {string.Join(' ', e.Value)}")));
        }

        return new SyncResult(hash, result.Accepted);
    }
}
