using System.Security.Cryptography;
using System.Text;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Insights.Server.Surveys;

/// <summary>
/// Imports a survey tool's CSV export from <c>surveys.import.path</c> (a file, or every <c>*.csv</c> of a
/// folder). A file whose exact content was imported before is skipped; a changed file is imported again,
/// which never double counts (one answer per respondent and campaign). At-least-once safe.
/// </summary>
public sealed class SurveyImportJob(IOptions<SurveyOptions> options, SurveyCsvImporter importer, CampaignStore campaigns, ILogger<SurveyImportJob> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 3)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.Import.Path;
        if (string.IsNullOrWhiteSpace(path))
        {
            return 0;
        }

        var files = Directory.Exists(path)
            ? Directory.GetFiles(path, "*.csv").Order(StringComparer.Ordinal).ToList()
            : File.Exists(path) ? [path] : [];
        if (files.Count == 0)
        {
            logger.LogInformation("No survey export at {Path} yet", path);
            return 0;
        }

        var imported = 0;
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (await campaigns.WasImportedAsync(sha256, cancellationToken))
            {
                continue;
            }

            SurveyImportResult result;
            try
            {
                using var reader = new StringReader(Encoding.UTF8.GetString(bytes));
                result = await importer.ImportAsync(reader, campaign: null, cancellationToken);
            }
            catch (FormatException ex)
            {
                logger.LogError("The survey export {File} is not valid CSV: {Reason}", file, ex.Message);
                continue;
            }

            await campaigns.RecordImportAsync(sha256, Path.GetFileName(file), result.Accepted, result.Rejected.Count, cancellationToken);
            imported += result.Accepted;
            logger.LogInformation("Imported {Accepted} survey answers from {File}; {Rejected} rejected", result.Accepted, file, result.Rejected.Count);
            foreach (var rejection in result.Rejected.Take(20))
            {
                logger.LogWarning("{File} record {Index}: {Errors}", file, rejection.Index,
                    string.Join("; ", rejection.Errors.Select(e => $"{e.Key} {string.Join(' ', e.Value)}")));
            }
        }

        return imported;
    }
}
