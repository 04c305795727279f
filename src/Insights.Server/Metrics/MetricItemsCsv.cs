using System.Text;
using Insights.Domain.Metrics;
using Insights.Warehouse.Metrics;

namespace Insights.Server.Metrics;

/// <summary>
/// A metric's items as CSV, for the API's <c>items.csv</c> and the web app's download alike: the header of
/// <see cref="MetricItemReader.Fields"/>, then one line per row as ClickHouse sends them. The caller has
/// read the first row already (so that a failing question is an error, not a cut-off file); the export
/// and its rows are disposed after the last row.
/// </summary>
public static class MetricItemsCsv
{
    public static async Task WriteAsync(Stream body, MetricItemsExport export, IAsyncEnumerator<MetricItem> rows, bool first, MetricDefinition metric)
    {
        await using (export)
        await using (rows)
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(false), 64 * 1024);
            await writer.WriteAsync(CsvText.Line(MetricItemReader.Fields(metric)));
            for (var more = first; more; more = await rows.MoveNextAsync())
            {
                await writer.WriteAsync(CsvText.Line(rows.Current.Values));
            }
        }
    }
}
