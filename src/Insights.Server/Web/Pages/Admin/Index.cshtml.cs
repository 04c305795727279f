using System.Globalization;
using Hangfire;
using Insights.Domain.Time;
using Insights.Ingest.Connectors;
using Insights.Ingest.Quarantine;
using Insights.Server.Apis;
using Insights.Server.Auth;
using Microsoft.AspNetCore.Mvc;

namespace Insights.Server.Web.Pages.Admin;

/// <summary>Admins: API keys (create — the secret shown once —, revoke), data sources (state, failing parts, quarantine, "sync now"), links to the jobs dashboard and the API reference.</summary>
public sealed class AdminModel(ApiKeyStore keys, ConnectorRegistry registry, ConnectorStateStore states, QuarantineStore quarantine, IBackgroundJobClient jobs, EndpointDataSource endpoints, TimeProvider clock) : WebPageModel
{
    public IReadOnlyList<ApiKeyInfo> Keys { get; private set; } = [];

    public IReadOnlyList<ConnectorsApi.ConnectorStatus> Connectors { get; private set; } = [];

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public string? NewSecret { get; private set; }

    public string? NewKeyName { get; private set; }

    /// <summary>The rendered API reference when this server has one (<c>/docs</c>), else the OpenAPI document.</summary>
    public string ApiReferenceUrl => endpoints.Endpoints.OfType<RouteEndpoint>().Any(e => e.RoutePattern.RawText?.TrimStart('/') == "docs") ? "/docs" : "/openapi/v1.json";

    public async Task OnGetAsync([FromQuery] string? revoked, [FromQuery] string? synced, CancellationToken ct)
    {
        Message = revoked is not null ? "The key is revoked: requests and web sessions that use it are refused from now on."
            : synced is not null ? $"The sync of {synced} is queued; the jobs dashboard shows its progress."
            : null;
        await LoadAsync(ct);
    }

    /// <summary>Creates a key and shows its secret in this answer only (not after a redirect, never stored).</summary>
    public async Task<IActionResult> OnPostCreateAsync([FromForm] string? name, [FromForm] string[]? scopes, [FromForm] string? expires, CancellationToken ct)
    {
        name = name?.Trim();
        var chosen = (scopes ?? []).Distinct(StringComparer.Ordinal).ToList();
        DateTime? expiresAt = null;
        string? error = null;
        if (!string.IsNullOrWhiteSpace(expires))
        {
            if (DateOnly.TryParseExact(expires.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                expiresAt = WholeSeconds.Of(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
            }
            else
            {
                error = $"The expiry must be a date YYYY-MM-DD; got '{expires}'.";
            }
        }

        // The API's rules, in the page's words.
        error ??= NewApiKeyRules.Check(name, chosen, expiresAt, Now) switch
        {
            ("name", _) when string.IsNullOrEmpty(name) => "The key needs a name.",
            ("name", var reason) => $"The name {reason}",
            ("scopes", _) => $"Choose at least one scope of {string.Join(", ", Scopes.All)}.",
            ("expires_at", _) => "The expiry must be in the future.",
            _ => null,
        };
        if (error is not null)
        {
            Error = error + " No key was created.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }

        var (info, secret) = await keys.CreateAsync(name!, chosen, expiresAt, ct);
        (NewSecret, NewKeyName) = (secret, info.Name);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync([FromQuery] Guid id, CancellationToken ct)
    {
        if (!await keys.RevokeAsync(id, ct))
        {
            throw WebProblem.NotFound($"There is no active key with id {id}.");
        }

        return Redirect("/admin?revoked=1#keys");
    }

    public IActionResult OnPostSync([FromQuery] string? name)
    {
        if (name is null || !registry.Contains(name))
        {
            throw WebProblem.NotFound($"No source named “{name}” is configured.");
        }

        jobs.Enqueue<ConnectorSyncJob>(job => job.RunAsync(name, CancellationToken.None));
        return Redirect($"/admin?synced={Uri.EscapeDataString(name)}#connectors");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var list = keys.ListAsync(ct);
        var stored = states.ListAsync(ct);
        var quarantined = quarantine.CountsAsync(ct);
        await Task.WhenAll(list, stored, quarantined);
        Keys = list.Result.OrderBy(k => k.RevokedAt is not null).ThenByDescending(k => k.CreatedAt).ToList();
        var byName = stored.Result.ToDictionary(s => s.Name, StringComparer.Ordinal);
        Connectors = registry.Sources
            .Select(source => ConnectorsApi.Status(source, byName.GetValueOrDefault(source.Name), quarantined.Result.GetValueOrDefault(source.Name)))
            .ToList();
    }
}
