namespace Insights.Warehouse.Metrics.KeptRows;

/// <summary>What <see cref="KeptRowsStore.KeepAsync"/> did.</summary>
public enum KeptRowsOutcome
{
    /// <summary>Computed and kept for the data's current version.</summary>
    Kept,

    /// <summary>A table of this version was there (or another instance kept it first).</summary>
    AlreadyKept,

    /// <summary>The data changed while the rows were computed: nothing kept.</summary>
    DataChanged,

    /// <summary>A cluster keeps no rows.</summary>
    NotOnACluster,
}
