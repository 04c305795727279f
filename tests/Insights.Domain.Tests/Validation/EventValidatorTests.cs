using System.Text.Json;
using Insights.Domain.Events;
using Insights.Domain.Validation;

namespace Insights.Domain.Tests.Validation;

public class EventValidatorTests
{
    private static (NormalizedEvent? Event, IDictionary<string, string[]> Errors) Validate(EventSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        EventValidator.TryValidate(schema, document.RootElement, out var normalized, out var errors);
        return (normalized, errors.ToDictionary());
    }

    [Fact]
    public void Deployment_IsNormalized_WhenValid()
    {
        var (e, errors) = Validate(EventSchemas.Deployments, """
            {"id": 42, "service": " payments ", "environment": "production", "status": "success",
             "started_at": "2026-03-02T14:00:00.750+01:00", "finished_at": "2026-03-02T13:05:00Z",
             "commits": ["abc", " ", "def"], "golden_path": true, "unknown_field": {"x": 1}}
            """);

        Assert.Empty(errors);
        Assert.Equal("42", e!["id"]);
        Assert.Equal("payments", e["service"]);
        Assert.Equal("api", e.Source);
        Assert.Equal(new DateTime(2026, 3, 2, 13, 0, 0, DateTimeKind.Utc), e["started_at"]);
        Assert.Equal(new[] { "abc", "def" }, e["commits"]);
        Assert.Equal(true, e["golden_path"]);
        Assert.Equal(false, e["hotfix"]);
        Assert.Null(e["production"]);
        Assert.Equal("42", e.Key);
        Assert.Equal(new DateTime(2026, 3, 2, 13, 0, 0, DateTimeKind.Utc), e.PartitionTime);
    }

    [Fact]
    public void Deployment_NamesEachBrokenField_WhenInvalid()
    {
        var (e, errors) = Validate(EventSchemas.Deployments, """
            {"id": "d1", "environment": "production", "status": "done", "started_at": "yesterday", "golden_path": "yes"}
            """);

        Assert.Null(e);
        Assert.Equal(["golden_path", "service", "started_at", "status"], errors.Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.Contains("must be one of 'success', 'failure', 'cancelled', 'in_progress'; got 'done'.", errors["status"]);
        Assert.Contains("is required.", errors["service"]);
        Assert.StartsWith("must be an ISO-8601 time with a zone", errors["started_at"][0]);
        Assert.Contains("must be true or false.", errors["golden_path"]);
    }

    [Theory]
    [InlineData("success", false)]
    [InlineData("failure", false)]
    [InlineData("cancelled", false)]
    [InlineData("in_progress", true)]
    public void Deployment_NeedsFinishedAt_UnlessInProgress(string status, bool valid)
    {
        var (_, errors) = Validate(EventSchemas.Deployments, $$"""{"id": "d", "service": "s", "environment": "e", "status": "{{status}}"}""");

        Assert.Equal(valid, errors.Count == 0);
        if (!valid)
        {
            Assert.Equal([$"is required when status is '{status}'."], errors["finished_at"]);
        }
    }

    [Fact]
    public void Deployment_IsRejected_WhenItFinishesBeforeItStarts()
    {
        var (_, errors) = Validate(EventSchemas.Deployments, """
            {"id": "d", "service": "s", "environment": "e", "status": "success", "started_at": "2026-03-02T14:00:00Z", "finished_at": "2026-03-02T13:59:59Z"}
            """);

        Assert.Equal(["is before started_at."], errors["finished_at"]);
    }

    [Theory]
    [InlineData("2026-03-02T14:05:00")]
    [InlineData("2026-03-02")]
    [InlineData("1969-12-31T23:00:00Z")]
    [InlineData("2200-01-01T00:00:00Z")]
    [InlineData("2026-02-30T00:00:00Z")]
    public void Instant_IsRejected_WithoutZoneOrOutOfRange(string text)
    {
        var (_, errors) = Validate(EventSchemas.Incidents, $$"""{"id": "i", "service": "s", "title": "t", "started_at": "{{text}}"}""");

        Assert.True(errors.ContainsKey("started_at"));
    }

    [Fact]
    public void PullRequest_KeyIsRepositoryAndNumber()
    {
        var (e, errors) = Validate(EventSchemas.PullRequests, """
            {"repository": "acme/api", "number": 17, "author": "alice", "created_at": "2026-03-01T10:00:00Z", "merged_at": "2026-03-01T12:00:00Z"}
            """);

        Assert.Empty(errors);
        Assert.Equal("acme/api#17", e!.Key);
        Assert.Equal(17L, e["number"]);
    }

    [Theory]
    [InlineData("acme/payments", null)]
    [InlineData("group/subgroup/payments", null)]
    [InlineData("https://github.com/acme/payments", "must be the repository as owner/name (e.g. acme/payments), not a URL; got 'https://github.com/acme/payments'.")]
    [InlineData("git@github.com:acme/payments.git", "must be the repository as owner/name (e.g. acme/payments), not a URL; got 'git@github.com:acme/payments.git'.")]
    [InlineData("payments", "must be the repository as owner/name (e.g. acme/payments); got 'payments'.")]
    [InlineData("acme/", "must be the repository as owner/name (e.g. acme/payments); got 'acme/'.")]
    [InlineData("acme/pay ments", "must be the repository as owner/name (e.g. acme/payments); got 'acme/pay ments'.")]
    public void Repository_IsOwnerSlashName_NeverAUrl(string repository, string? message)
    {
        // Pull requests find their service by the exact repository text: a URL would attribute nothing.
        foreach (var (schema, item) in new[]
        {
            (EventSchemas.PullRequests, $$"""{"repository": "{{repository}}", "number": 1, "author": "a", "created_at": "2026-03-01T10:00:00Z"}"""),
            (EventSchemas.Services, $$"""{"name": "s", "team": "t", "repository": "{{repository}}"}"""),
        })
        {
            var (_, errors) = Validate(schema, item);

            Assert.Equal(message is null ? null : [message], errors.ToDictionary().GetValueOrDefault("repository"));
        }
    }

    [Theory]
    [InlineData("-1", "must not be negative.")]
    [InlineData("1.5", "must be a whole number.")]
    [InlineData("\"7\"", "must be a whole number.")]
    public void PullRequest_NumberMustBeAWholeNonNegativeNumber(string number, string message)
    {
        var (_, errors) = Validate(EventSchemas.PullRequests, $$"""{"repository": "acme/r", "number": {{number}}, "author": "a", "created_at": "2026-03-01T10:00:00Z"}""");

        Assert.Equal([message], errors["number"]);
    }

    [Fact]
    public void Incident_ChangeRelatedDefaultsToTrue()
    {
        var (e, _) = Validate(EventSchemas.Incidents, """{"id": "i", "service": "s", "title": "t", "started_at": "2026-03-01T10:00:00Z"}""");

        Assert.Equal(true, e!["change_related"]);
    }

    [Fact]
    public void Item_MustBeAnObject()
    {
        var (_, errors) = Validate(EventSchemas.Services, "[1, 2]");

        Assert.Equal(["must be a JSON object, not an array."], errors["$"]);
    }

    [Fact]
    public void TextRow_IsValidatedLikeJson()
    {
        var row = new Dictionary<string, string?> { ["id"] = "ana@acme.example", ["start_date"] = "2026-02-01", ["team"] = "payments", ["name"] = "" };

        Assert.True(EventValidator.TryValidate(EventSchemas.Engineers, row, out var e, out _));
        Assert.Equal(new DateOnly(2026, 2, 1), e!["start_date"]);
        Assert.Null(e["name"]);

        row["start_date"] = "01/02/2026";
        Assert.False(EventValidator.TryValidate(EventSchemas.Engineers, row, out _, out var errors));
        Assert.Equal(["must be a date YYYY-MM-DD; got '01/02/2026'."], errors.ToDictionary()["start_date"]);
    }

    [Fact]
    public void Provisioning_ChannelIsOneOfTwo()
    {
        var (_, errors) = Validate(EventSchemas.ProvisioningRequests, """
            {"id": "r", "resource_type": "db", "requested_at": "2026-03-01T10:00:00Z", "channel": "email"}
            """);

        Assert.Equal(["must be one of 'self_service', 'ticket'; got 'email'."], errors["channel"]);
    }

    [Fact]
    public void Text_LongerThanItsLimit_IsRejected()
    {
        var (_, errors) = Validate(EventSchemas.Services, $$"""{"name": "{{new string('x', 300)}}", "team": "t"}""");

        Assert.Equal(["is longer than 256 characters."], errors["name"]);
    }

    [Fact]
    public void PullRequest_ReviewHistory_IsChecked_AgainstTheChangesOwnTimes()
    {
        var (valid, none) = Validate(EventSchemas.PullRequests, """
            {"repository": "acme/api", "number": 7, "author": "octocat", "created_at": "2026-03-01T09:00:00Z", "merged_at": "2026-03-02T09:00:00Z",
             "ready_for_review_at": "2026-03-01T10:00:00Z", "first_review_at": "2026-03-01T12:00:00Z", "labels": ["dependencies", " ", "backend"]}
            """);
        var (_, errors) = Validate(EventSchemas.PullRequests, """
            {"repository": "acme/api", "number": 8, "author": "octocat", "created_at": "2026-03-01T09:00:00Z", "merged_at": "2026-03-01T11:00:00Z",
             "ready_for_review_at": "2026-03-01T12:00:00Z", "first_review_at": "2026-03-01T08:00:00Z", "labels": "dependencies"}
            """);

        Assert.Empty(none);
        Assert.Equal(new[] { "dependencies", "backend" }, valid!["labels"]);
        Assert.Equal(new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc), valid["first_review_at"]);
        Assert.Equal(["is before created_at."], errors["first_review_at"]);
        Assert.Equal(["is before ready_for_review_at."], errors["merged_at"]);
        Assert.Equal(["must be an array of strings."], errors["labels"]);
    }

    [Fact]
    public void Incident_Acknowledgement_LiesBetweenItsStartAndItsResolution_AndItsUrlIsAWebAddress()
    {
        var (valid, none) = Validate(EventSchemas.Incidents, """
            {"id": "P1", "service": "checkout", "title": "Errors", "started_at": "2026-03-01T09:00:00Z", "acknowledged_at": "2026-03-01T09:04:00Z",
             "resolved_at": "2026-03-01T10:00:00Z", "number": 1234, "url": "https://acme.pagerduty.com/incidents/P1", "teams": ["Payments"]}
            """);
        var (_, early) = Validate(EventSchemas.Incidents, """
            {"id": "P2", "service": "checkout", "title": "Errors", "started_at": "2026-03-01T09:00:00Z", "acknowledged_at": "2026-03-01T08:59:00Z", "url": "javascript:alert(1)", "number": -1}
            """);
        var (_, late) = Validate(EventSchemas.Incidents, """
            {"id": "P3", "service": "checkout", "title": "Errors", "started_at": "2026-03-01T09:00:00Z", "acknowledged_at": "2026-03-01T11:00:00Z", "resolved_at": "2026-03-01T10:00:00Z"}
            """);

        Assert.Empty(none);
        Assert.Equal(1234L, valid!["number"]);
        Assert.Equal(["is before started_at."], early["acknowledged_at"]);
        Assert.Equal(["must be an absolute http or https address; got 'javascript:alert(1)'."], early["url"]);
        Assert.Equal(["must not be negative."], early["number"]);
        Assert.Equal(["is before acknowledged_at."], late["resolved_at"]);
    }

    [Fact]
    public void Team_NeedsAName_AndIsNotItsOwnParent()
    {
        var (team, none) = Validate(EventSchemas.Teams, """{"name": "platform/payments", "display_name": "Payments Platform", "parent": "backstage"}""");
        var (_, errors) = Validate(EventSchemas.Teams, """{"name": "payments", "parent": "payments"}""");
        var (_, nameless) = Validate(EventSchemas.Teams, """{"display_name": "Who?"}""");

        Assert.Empty(none);
        Assert.Equal("platform/payments", team!.Key);
        Assert.Equal(["cannot name the team itself."], errors["parent"]);
        Assert.Equal(["is required."], nameless["name"]);
    }

    [Fact]
    public void EveryKind_HasASchema()
    {
        foreach (var kind in EventKinds.All)
        {
            Assert.Equal(kind, EventSchemas.For(kind).Kind);
            Assert.True(EventKinds.TryParseRoute(kind.Route(), out var parsed));
            Assert.Equal(kind, parsed);
        }
    }
}
