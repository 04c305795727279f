using System.Globalization;

namespace Insights.Warehouse.Intake;

/// <summary>A sealed spool file: the rows of one table, waiting to be inserted.</summary>
public sealed record SpoolSegment(string FilePath, long Sequence, string Table)
{
    /// <summary>Present while an INSERT of this segment may have reached ClickHouse.</summary>
    public string AttemptMarkerPath => Path.ChangeExtension(FilePath, ".attempt");

    public static SpoolSegment? TryParse(string filePath)
    {
        var name = Path.GetFileNameWithoutExtension(filePath);
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && long.TryParse(name[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? new SpoolSegment(filePath, sequence, name[(dash + 1)..])
            : null;
    }
}
