using Insights.Domain.Metrics;
using Insights.Server.Metrics;
using Insights.Server.Web.Figures;
using Insights.Warehouse.Metrics;

namespace Insights.Server.Web.Pages.Items;

/// <summary>What the rows page and its CSV share: the question read from the address, and the refusal of private rows.</summary>
public abstract class ItemsPageModel : WebPageModel
{
    /// <summary>The metric from the address: 404 when there is none, 403 with the reader's reason when its rows are private.</summary>
    protected static MetricDefinition Load(string metric)
    {
        if (!MetricCatalog.TryGet(metric, out var definition))
        {
            throw WebProblem.NotFound($"There is no metric “{metric}”.");
        }

        return definition;
    }

    /// <summary>
    /// The question of the figure the link came from: the page's scope (checked against the catalog and the
    /// viewer's teams) and range, the interval of its series, and which rows (counted, period).
    /// </summary>
    protected async Task<MetricItemsQuery> QueryAsync(MetricDefinition metric)
    {
        await ReadScopeAsync(allowService: true);
        if (Scope.Service is not null && !metric.UsesService)
        {
            throw new MetricQueryException("service", $"does not apply to {metric.Title} (it belongs to teams, not services)");
        }

        var interval = Request.Query["interval"].ToString() switch
        {
            "" or "week" => Interval.Week,
            "month" => Interval.Month,
            var other => throw new MetricQueryException("interval", $"must be week or month; got '{other}'"),
        };
        var counted = Request.Query["counted"].ToString() switch
        {
            "" or "all" => (bool?)null,
            "true" => true,
            "false" => false,
            var other => throw new MetricQueryException("counted", $"must be true, false or all; got '{other}'"),
        };
        var goldenPath = Request.Query["golden_path"].ToString() switch
        {
            "" => (bool?)null,
            "true" => true,
            "false" => false,
            var other => throw new MetricQueryException("golden_path", $"must be true or false; got '{other}'"),
        };
        return new MetricItemsQuery(ScopeBoards.Query(metric, Scope, Range, interval) with { GoldenPath = goldenPath })
        {
            Counted = counted,
            Period = MetricRequest.Date(Request.Query, "period"),
            Limit = RowsModel.PageSize,
        };
    }

    /// <summary>Runs a read of the items; a metric whose rows are private is a 403 page with the reason.</summary>
    protected static async Task<T> ReadAsync<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (MetricItemsForbiddenException ex)
        {
            throw WebProblem.Forbidden($"{FigureText.Title(ex.Metric)} lists no rows, for privacy. {ex.Reason}");
        }
    }

}
