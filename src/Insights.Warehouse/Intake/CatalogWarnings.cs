using Insights.Domain.Events;
using Insights.Domain.Validation;

namespace Insights.Warehouse.Intake;

/// <summary>
/// Why a valid item will not count the way it was sent, by the metric definitions' own rules
/// (docs/metrics.md "Common rules"): a deployment to an environment that is not production for its
/// service, a service the catalog does not list (so no team), a pull request whose repository belongs to
/// no service, an incident of an unknown service. The item is stored all the same: a later catalog change
/// can make it count.
/// </summary>
public static class CatalogWarnings
{
    /// <summary>Adds the warnings for <paramref name="item"/> (at <paramref name="index"/>) to <paramref name="warnings"/>; a sentence is built only for those listed.</summary>
    /// <param name="productionEnvironments">The configured production environments, lower-case (for services that name none).</param>
    public static void Check(NormalizedEvent item, int index, CatalogSnapshot catalog, IReadOnlyList<string> productionEnvironments, IngestWarnings warnings)
    {
        switch (item.Kind)
        {
            case EventKind.Deployments:
                CheckDeployment(item, index, catalog, productionEnvironments, warnings);
                break;
            case EventKind.Incidents:
                if (item["service"] is string incidentService && catalog.Service(incidentService) is null && warnings.Counts())
                {
                    warnings.Add(index, "service", UnknownService(incidentService, "incident"));
                }

                break;
            case EventKind.PullRequests:
                CheckPullRequest(item, index, catalog, warnings);
                break;
            case EventKind.ProvisioningRequests:
                // A request belongs to its own team, else to its service's owner.
                if (item["team"] is not null)
                {
                    break;
                }

                if (item["service"] is string requestService)
                {
                    if (catalog.Service(requestService) is null && warnings.Counts())
                    {
                        warnings.Add(index, "service", UnknownService(requestService, "request") + " Or send its `team`.");
                    }
                }
                else if (warnings.Counts())
                {
                    warnings.Add(index, "team", "The request names neither a team nor a service, so it belongs to no team: stored, and counted only in organisation-wide figures.");
                }

                break;
        }
    }

    private static void CheckDeployment(NormalizedEvent item, int index, CatalogSnapshot catalog, IReadOnlyList<string> productionEnvironments, IngestWarnings warnings)
    {
        var serviceName = (string)item["service"]!;
        var environment = (string)item["environment"]!;
        var service = catalog.Service(serviceName);
        if (service is null && warnings.Counts())
        {
            warnings.Add(index, "service", UnknownService(serviceName, "deployment"));
        }

        if (item["production"] is true)
        {
            return;
        }

        // The lists are lower-case; the rule compares without case (is_production.sql).
        if (service is { ProductionEnvironments.Count: > 0 } own)
        {
            if (!own.ProductionEnvironments.Contains(environment, StringComparer.OrdinalIgnoreCase) && warnings.Counts())
            {
                warnings.Add(index, "environment",
                    $"'{environment}' is not a production environment of {serviceName} (its own: {string.Join(", ", own.ProductionEnvironments)}): " +
                    "stored, but no deployment metric counts it. Send one of those environments, or `production: true` if this one is production.");
            }
        }
        else if (!productionEnvironments.Contains(environment, StringComparer.OrdinalIgnoreCase) && warnings.Counts())
        {
            var why = service is null
                ? "the configured ones apply to services outside the catalog"
                : $"{serviceName} names none of its own, so the configured ones apply";
            warnings.Add(index, "environment",
                $"'{environment}' is not a production environment ({why}: {string.Join(", ", productionEnvironments)}): stored, but no deployment " +
                "metric counts it. Send one of those environments, or `production: true` if this one is production.");
        }
    }

    private static void CheckPullRequest(NormalizedEvent item, int index, CatalogSnapshot catalog, IngestWarnings warnings)
    {
        // A pull request's service is its own `service`, else the catalog service of its repository.
        if (item["service"] is string own)
        {
            if (catalog.Service(own) is null && warnings.Counts())
            {
                warnings.Add(index, "service", UnknownService(own, "pull request"));
            }

            return;
        }

        var repository = (string)item["repository"]!;
        if (catalog.ServiceOfRepository(repository) is null && warnings.Counts())
        {
            warnings.Add(index, "repository",
                $"No catalog service has the repository '{repository}', so the pull request has no service or team: stored, but lead time " +
                "cannot attribute it to a deployment. Send its `service`, or add the repository to its service in the catalog.");
        }
    }

    private static string UnknownService(string service, string what) =>
        $"'{service}' is not a service of the catalog, so the {what} belongs to no team: stored, and counted only in organisation-wide figures " +
        "until the catalog lists the service (POST /api/v1/services).";
}
