using Insights.Server.Web.Figures;
using Insights.Warehouse.Metrics;

namespace Insights.Server.Web.Pages.Services;

/// <summary>A service's figures (those a service filter applies to), their weekly series, and its catalog entry.</summary>
public sealed class ServiceModel(ScopeBoards boards) : WebPageModel
{
    public ScopeBoard Board { get; private set; } = null!;

    public ServiceInfo Info { get; private set; } = null!;

    public async Task OnGetAsync(string service, CancellationToken ct)
    {
        Range = PageRange.Parse(Request.Query, Today);
        Info = await ServiceOwnerAsync(service);
        Scope = new PageScope(null, service);
        Board = await boards.ComputeAsync(Scope, Range, ct);
    }
}
