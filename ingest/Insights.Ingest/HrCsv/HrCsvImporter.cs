using Insights.Domain.Csv;
using Insights.Domain.Events;
using Insights.Warehouse.Intake;

namespace Insights.Ingest.HrCsv;

/// <summary>
/// Imports an HR export (the engineers CSV of docs/api.md: id, start_date, team, github_login,
/// jira_account_id, name) through the same validation and write path as a push.
/// </summary>
public sealed class HrCsvImporter(EventIngestor ingestor)
{
    public const string Source = "hr_csv";
    private const int Chunk = 5_000;

    public async Task<IngestResult> ImportAsync(string path, CancellationToken cancellationToken) =>
        await ImportAsync(path, Source, cancellationToken).ConfigureAwait(false);

    public async Task<IngestResult> ImportAsync(string path, string source, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path);
        var accepted = 0;
        var rejected = new List<RejectedItem>();
        var offset = 0;
        foreach (var chunk in CsvTable.Read(reader).Chunk(Chunk))
        {
            var items = chunk.Select(record => record.Values is { } values
                ? IngestItem.FromText(WithSource(values, source))
                : IngestItem.Unreadable("$", record.Error!));
            var result = await ingestor.IngestAsync(EventKind.Engineers, items, cancellationToken).ConfigureAwait(false);
            accepted += result.Accepted;
            rejected.AddRange(result.Rejected.Select(r => r with { Index = r.Index + offset }));
            offset += chunk.Length;
        }

        return new IngestResult(accepted, rejected);
    }

    private static Dictionary<string, string?> WithSource(IReadOnlyDictionary<string, string?> values, string source)
    {
        var row = new Dictionary<string, string?>(values, StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(row.GetValueOrDefault("source")))
        {
            row["source"] = source;
        }

        return row;
    }
}
