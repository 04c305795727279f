namespace Insights.Warehouse.Metrics.KeptRows;

/// <summary>
/// Keeps a shape's rows in the background after a question was answered without them (the server
/// enqueues a job; docs/adr/0007-kept-rows.md). Returns at once; asking twice for the same shape is harmless.
/// </summary>
public interface IKeptRowsKeeper
{
    void Keep(KeptRowsShape shape);
}
