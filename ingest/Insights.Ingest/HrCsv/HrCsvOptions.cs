using Insights.Ingest.Connectors;

namespace Insights.Ingest.HrCsv;

/// <summary>An HR export on disk (YAML <c>sources.hr_csv[]</c>), with the engineers CSV columns of docs/api.md.</summary>
public sealed class HrCsvOptions : SourceOptions
{
    public override string Kind => "hr_csv";

    public string Path { get; set; } = "";

    public HrCsvOptions() => Schedule = "0 * * * *";

    public override IEnumerable<(string Field, string Problem)> Problems() => base.Problems().Concat(Required("path", Path));
}
