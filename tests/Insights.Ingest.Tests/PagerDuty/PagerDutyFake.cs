using System.Globalization;
using System.Text.Json;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace Insights.Ingest.Tests.PagerDuty;

/// <summary>
/// <c>GET /incidents</c> over a set of incidents, answered as PagerDuty's REST API v2 answers it: incidents
/// created in [since, until) of the <c>service_ids[]</c> asked for, oldest first (<c>sort_by=created_at:asc</c>),
/// <c>limit</c>/<c>offset</c> paging with <c>more</c>, <c>total</c> only with <c>total=true</c> — and a 400
/// when offset + limit goes past 10,000, as PagerDuty refuses it.
/// </summary>
public sealed class PagerDutyFake
{
    public const int MaxOffset = 10_000;

    private readonly List<(DateTime Created, string Service, object Body)> _incidents;

    public PagerDutyFake(WireMockServer server, IEnumerable<(DateTime Created, string Service, object Body)> incidents, int priority = 10)
    {
        _incidents = incidents.OrderBy(i => i.Created).ToList();
        server.Given(Request.Create().WithPath("/incidents").UsingGet()).AtPriority(priority).RespondWith(Response.Create().WithCallback(Answer));
    }

    /// <summary>Requests that asked past the paging limit (PagerDuty answered them 400).</summary>
    public int Refused { get; private set; }

    /// <summary>An incident as the REST API lists it.</summary>
    public static object Incident(string id, DateTime created, string status, DateTime? resolved = null, string serviceId = "PSVC001", string serviceName = "Checkout API",
        int number = 1000, string urgency = "high", string? priority = "P1", object[]? acknowledgements = null, string[]? teams = null) => new
    {
        id,
        type = "incident",
        summary = $"[#{number}] Checkout errors",
        self = $"https://api.pagerduty.com/incidents/{id}",
        html_url = $"https://acme.pagerduty.com/incidents/{id}",
        incident_number = number,
        title = "Checkout errors",
        created_at = Iso(created),
        updated_at = Iso(resolved ?? created),
        status,
        incident_key = $"key-{id}",
        service = new { id = serviceId, type = "service_reference", summary = serviceName, self = $"https://api.pagerduty.com/services/{serviceId}", html_url = $"https://acme.pagerduty.com/service-directory/{serviceId}" },
        assignments = Array.Empty<object>(),
        assigned_via = "escalation_policy",
        acknowledgements = acknowledgements ?? [],
        last_status_change_at = Iso(resolved ?? created),
        resolved_at = resolved is null ? null : Iso(resolved.Value),
        first_trigger_log_entry = new { id = $"R{id}", type = "trigger_log_entry_reference", summary = "Triggered through the API", self = $"https://api.pagerduty.com/log_entries/R{id}?incident_id={id}" },
        alert_counts = new { all = 1, triggered = status == "resolved" ? 0 : 1, resolved = status == "resolved" ? 1 : 0 },
        is_mergeable = true,
        escalation_policy = new { id = "PESC001", type = "escalation_policy_reference", summary = "Payments on-call", self = "https://api.pagerduty.com/escalation_policies/PESC001" },
        teams = (teams ?? []).Select((t, i) => new { id = $"PTEAM{i}", type = "team_reference", summary = t, self = $"https://api.pagerduty.com/teams/PTEAM{i}" }).ToArray(),
        pending_actions = Array.Empty<object>(),
        priority = priority is null ? null : new { id = "PPRIO" + priority, type = "priority", summary = priority, self = $"https://api.pagerduty.com/priorities/PPRIO{priority}", name = priority, color = "a8171c" },
        urgency,
    };

    /// <summary>An acknowledgement as an acknowledged incident lists it.</summary>
    public static object Acknowledgement(DateTime at, string user = "PUSER01") => new
    {
        at = Iso(at),
        acknowledger = new { id = user, type = "user_reference", summary = "Earline Greenholt", self = $"https://api.pagerduty.com/users/{user}", html_url = $"https://acme.pagerduty.com/users/{user}" },
    };

    /// <summary>An overview log entry of an incident (<c>trigger_log_entry</c>, <c>acknowledge_log_entry</c>, <c>resolve_log_entry</c>…).</summary>
    public static object LogEntry(string type, DateTime at, string incident) => new
    {
        id = $"L{type[..3].ToUpperInvariant()}{at.Ticks}",
        type,
        summary = type.Replace("_log_entry", "d", StringComparison.Ordinal),
        self = $"https://api.pagerduty.com/log_entries/L{at.Ticks}",
        created_at = Iso(at),
        agent = new { id = "PUSER01", type = "user_reference", summary = "Earline Greenholt" },
        channel = new { type = "web_ui" },
        incident = new { id = incident, type = "incident_reference" },
    };

    public static string Iso(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private ResponseMessage Answer(IRequestMessage request)
    {
        var query = request.Query ?? new Dictionary<string, WireMockList<string>>();
        string One(string name, string fallback) => query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : fallback;
        var limit = int.Parse(One("limit", "25"), CultureInfo.InvariantCulture);
        var offset = int.Parse(One("offset", "0"), CultureInfo.InvariantCulture);
        if (offset + limit > MaxOffset)
        {
            Refused++;
            return Json(400, new { error = new { message = "Invalid Input Provided", code = 2001, errors = new[] { $"Offset must be less than {MaxOffset - limit + 1}." } } });
        }

        var since = DateTime.Parse(One("since", "1970-01-01T00:00:00Z"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        var until = DateTime.Parse(One("until", "2100-01-01T00:00:00Z"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        var services = query.TryGetValue("service_ids[]", out var ids) ? ids.ToHashSet() : null;
        var matching = _incidents.Where(i => i.Created >= since && i.Created < until && (services is null || services.Contains(i.Service))).ToList();
        var page = matching.Skip(offset).Take(limit).Select(i => i.Body).ToArray();
        return Json(200, new { incidents = page, limit, offset, more = offset + limit < matching.Count, total = One("total", "false") == "true" ? matching.Count : (int?)null });
    }

    private static ResponseMessage Json(int status, object body) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json; charset=utf-8") },
        BodyData = new BodyData { BodyAsString = JsonSerializer.Serialize(body), DetectedBodyType = BodyType.String },
    };
}
