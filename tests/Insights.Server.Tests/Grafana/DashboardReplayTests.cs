using Insights.TestSupport;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace Insights.Server.Tests.Grafana;

/// <summary>
/// No Grafana runs here, so the dashboards are proven by replaying them: every variable query and
/// every panel and annotation query of every dashboards/*.json is sent to the running API as
/// Grafana and the plugin would send it, over the demo organisation, and each answer must be one
/// Grafana can draw — the right shape, data in it (the demo answers the NPS survey too), and the
/// fields the panel picks by name present.
/// </summary>
[Collection(GrafanaDemoCollection.Name)]
public sealed class DashboardReplayTests(GrafanaDemoFixture fixture, ITestOutputHelper output)
{
    private const string DatasourceUid = "platform-insights";

    public static TheoryData<string> Dashboards => [.. GrafanaDashboard.Files()];

    [Fact]
    public void Dashboards_AreTheThreeOfTheIssue()
    {
        var titles = GrafanaDashboard.Files().Select(f => GrafanaDashboard.Load(f).Title).ToList();

        Assert.Contains("DORA overview", titles);
        Assert.Contains("Platform adoption", titles);
        Assert.Contains("Developer experience", titles);
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Dashboard_UsesTheProvisionedDatasource_CodeModePayloads_AndTheScopeVariables(string file)
    {
        var dashboard = GrafanaDashboard.Load(file);

        Assert.False(string.IsNullOrEmpty(dashboard.Model["uid"]?.GetValue<string>()), $"{file}: no uid");
        Assert.Equal(["environment", "service", "team"], dashboard.Variables.Select(v => v["name"]!.GetValue<string>()).Order());
        var queries = dashboard.Panels.SelectMany(GrafanaDashboard.Targets)
            .Concat(dashboard.Annotations.Select(a => a["target"]!.AsObject()))
            .ToList();
        Assert.NotEmpty(queries);
        foreach (var owner in dashboard.Panels.Cast<JsonNode>().Concat(dashboard.Variables).Concat(dashboard.Annotations).Concat(queries))
        {
            var datasource = owner["datasource"];
            Assert.True(datasource?["uid"]?.GetValue<string>() == DatasourceUid && datasource["type"]?.GetValue<string>() == GrafanaEmulator.DatasourceType,
                $"{file}: {owner.ToJsonString()[..Math.Min(200, owner.ToJsonString().Length)]} does not use the provisioned datasource.");
        }

        foreach (var panel in dashboard.Panels.Where(p => p["type"]!.GetValue<string>() is "stat" or "bargauge"))
        {
            // Stat and bar gauge panels pick their fields by the API's names, before overrides rename them.
            Assert.True(GrafanaDashboard.FieldsKept(panel).Count > 0, $"{file}: panel '{panel["title"]}' should keep its fields with a filterFieldsByName transformation.");
        }

        foreach (var target in queries)
        {
            Assert.Equal("code", target["editorMode"]?.GetValue<string>());
            Assert.True(target["payload"] is JsonValue payload && payload.TryGetValue<string>(out _), $"{file}: a payload is not code-mode text: {target.ToJsonString()}");
            Assert.DoesNotContain("$", target["target"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void EveryStatPanel_LinksToATableOfWhatIsBehindIt(string file)
    {
        var dashboard = GrafanaDashboard.Load(file);
        var uid = dashboard.Model["uid"]!.GetValue<string>();
        var panels = dashboard.Panels.ToDictionary(p => p["id"]!.GetValue<int>());
        foreach (var stat in dashboard.Panels.Where(p => p["type"]!.GetValue<string>() == "stat"))
        {
            var title = stat["title"]!.GetValue<string>();
            var link = stat["fieldConfig"]?["defaults"]?["links"]?.AsArray().FirstOrDefault();
            Assert.True(link is not null, $"{file}: stat '{title}' has no data link to the rows behind it.");
            var url = link["url"]!.GetValue<string>();
            var match = System.Text.RegularExpressions.Regex.Match(url, @"^/d/(?<uid>[\w-]+)\?viewPanel=(?<id>\d+)&\$\{__url_time_range\}&\$\{__all_variables\}$");
            Assert.True(match.Success && match.Groups["uid"].Value == uid, $"{file}: stat '{title}' links to {url}, not to a panel of this dashboard with its time range and variables.");
            var drill = panels[int.Parse(match.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture)];
            Assert.Equal("table", drill["type"]!.GetValue<string>());

            // The table shows the rows behind the stat's metric (its items), or — for what has no items, like
            // survey answers or the DORA level — the same target as a table (per team, or the four keys).
            var metric = GrafanaDashboard.Targets(stat).Single()["target"]!.GetValue<string>();
            var target = GrafanaDashboard.Targets(drill).Single();
            var drillTarget = target["target"]!.GetValue<string>();
            var payload = JsonNode.Parse(target["payload"]!.GetValue<string>())!;
            Assert.True(
                (drillTarget == "items" && payload["metric"]!.GetValue<string>() == metric)
                || (drillTarget == metric && payload["format"]?.GetValue<string>() == "by_team")
                || (metric == "dora-level" && drillTarget == "dora"),
                $"{file}: stat '{title}' ({metric}) links to '{drill["title"]}', which shows {drillTarget} {payload.ToJsonString()}.");
        }
    }

    [Fact]
    public void Provisioning_LoadsTheDashboardFolder_AndDefinesTheDatasourceTheyUse()
    {
        var datasources = Yaml(RepositoryFiles.Path("dashboards", "provisioning", "datasources", "platform-insights.yaml"));
        var providers = Yaml(RepositoryFiles.Path("dashboards", "provisioning", "dashboards", "platform-insights.yaml"));
        var compose = File.ReadAllText(RepositoryFiles.Path("docker-compose.yml"));

        var json = ((YamlSequenceNode)datasources["datasources"]).Cast<YamlMappingNode>()
            .Single(d => ((YamlScalarNode)d["uid"]).Value == DatasourceUid);
        Assert.Equal(GrafanaEmulator.DatasourceType, ((YamlScalarNode)json["type"]).Value);
        Assert.EndsWith("/grafana", ((YamlScalarNode)json["url"]).Value);
        Assert.Contains(((YamlSequenceNode)datasources["datasources"]).Cast<YamlMappingNode>(),
            d => ((YamlScalarNode)d["type"]).Value == "yesoreyeram-infinity-datasource");
        var path = ((YamlScalarNode)((YamlMappingNode)((YamlSequenceNode)providers["providers"]).Cast<YamlMappingNode>().Single()["options"])["path"]).Value;
        Assert.Contains($"./dashboards:{path}", compose, StringComparison.Ordinal);
        Assert.Contains("simpod-json-datasource ", compose, StringComparison.Ordinal);
        Assert.Contains("yesoreyeram-infinity-datasource ", compose, StringComparison.Ordinal);
        Assert.Matches(@"image: grafana/grafana:\d+\.\d+\.\d+", compose);
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public async Task Dashboard_DrawsEveryPanel_AndAnnotation_WithItsDefaultVariables(string file)
    {
        var dashboard = GrafanaDashboard.Load(file);
        var (variables, _) = await ReplayVariablesAsync(dashboard, new Dictionary<string, string>());

        await ReplayAsync(dashboard, variables, expectData: true);
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public async Task Dashboard_AnswersEveryPanel_WithEachVariableSetToAValue(string file)
    {
        var dashboard = GrafanaDashboard.Load(file);
        var (_, options) = await ReplayVariablesAsync(dashboard, new Dictionary<string, string>());

        foreach (var (name, values) in options)
        {
            // A specific team, service or environment may well have nothing to show; it must still
            // draw. Variables after it are queried again with its value (services follow the team).
            var value = values[values.Count / 2];
            output.WriteLine($"{file}: {name} = {value}");
            var (chosen, cascaded) = await ReplayVariablesAsync(dashboard, new Dictionary<string, string> { [name] = value });
            if (name == "team")
            {
                var services = await fixture.GetOkAsync("/api/v1/services");
                Assert.Equal(
                    services.EnumerateArray().Where(s => s.GetProperty("team").GetString() == value).Select(s => s.GetProperty("name").GetString()),
                    cascaded["service"]);
            }

            await ReplayAsync(dashboard, chosen, expectData: false);
        }
    }

    /// <summary>
    /// Runs every query variable in order as the plugin does, each with the values of those before it;
    /// returns their values (<paramref name="chosen"/>, else All → the custom all value) and their options.
    /// </summary>
    private async Task<(Dictionary<string, string> Values, Dictionary<string, IReadOnlyList<string>> Options)> ReplayVariablesAsync(
        GrafanaDashboard dashboard, IReadOnlyDictionary<string, string> chosen)
    {
        var now = DateTimeOffset.UtcNow;
        var (from, to) = (GrafanaEmulator.Resolve(dashboard.TimeFrom, now), GrafanaEmulator.Resolve(dashboard.TimeTo, now));
        var defaults = new Dictionary<string, string>(StringComparer.Ordinal);
        var options = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var variable in dashboard.Variables)
        {
            var name = variable["name"]!.GetValue<string>();
            Assert.Equal("query", variable["type"]!.GetValue<string>());
            var body = GrafanaEmulator.VariableRequest(variable["query"]!, from, to, dashboard.TimeFrom, dashboard.TimeTo, defaults);
            var answer = await fixture.PostOkAsync("/grafana/variable", body);
            var values = answer.EnumerateArray().Select(v =>
            {
                Assert.Equal(JsonValueKind.String, v.GetProperty("__text").ValueKind);
                return v.GetProperty("__value").GetString()!;
            }).ToList();
            Assert.True(values.Count > 0, $"{dashboard.File}: variable {name} lists nothing: {body}");
            options[name] = values;

            var current = variable["current"]?["value"]?.GetValue<string>();
            Assert.True(variable["includeAll"]?.GetValue<bool>() == true && current == "$__all", $"{dashboard.File}: variable {name} should default to All.");
            defaults[name] = chosen.TryGetValue(name, out var value) ? value : variable["allValue"]!.GetValue<string>();
        }

        return (defaults, options);
    }

    private async Task ReplayAsync(GrafanaDashboard dashboard, IReadOnlyDictionary<string, string> variables, bool expectData)
    {
        var now = DateTimeOffset.UtcNow;
        var (from, to) = (GrafanaEmulator.Resolve(dashboard.TimeFrom, now), GrafanaEmulator.Resolve(dashboard.TimeTo, now));
        foreach (var annotation in dashboard.Annotations)
        {
            var target = annotation["target"]!.AsObject();
            var context = $"{dashboard.File} annotation '{annotation["name"]}'";
            var body = GrafanaEmulator.QueryRequest([target], from, to, dashboard.TimeFrom, dashboard.TimeTo, GrafanaEmulator.DefaultMaxDataPoints, TimeSpan.Zero, variables, 0);
            var frames = GrafanaFrames.AssertDrawable(await QueryAsync(body, context), context);
            var table = Assert.Single(frames);
            output.WriteLine($"{context}: {Describe(table)}");
            Assert.True(GrafanaFrames.IsTable(table), $"{context}: annotations come as a table.");
            Assert.Contains("time", GrafanaFrames.ColumnNames(table));
            Assert.Contains("title", GrafanaFrames.ColumnNames(table));
            Assert.True(!expectData || GrafanaFrames.HasData(table), $"{context}: no events in the demo organisation.");
        }

        foreach (var panel in dashboard.Panels)
        {
            var targets = GrafanaDashboard.Targets(panel);
            var context = $"{dashboard.File} panel '{panel["title"]}' ({string.Join(", ", variables.Select(v => $"{v.Key}={v.Value}"))})";
            Assert.NotEmpty(targets);
            var body = GrafanaEmulator.QueryRequest(
                targets, from, to, dashboard.TimeFrom, dashboard.TimeTo,
                panel["maxDataPoints"]?.GetValue<int>() ?? GrafanaEmulator.DefaultMaxDataPoints,
                GrafanaEmulator.ParseInterval(panel["interval"]?.GetValue<string>()),
                variables,
                panel["id"]!.GetValue<int>());
            var started = System.Diagnostics.Stopwatch.StartNew();
            var frames = GrafanaFrames.AssertDrawable(await QueryAsync(body, context), context);
            output.WriteLine($"{context}: {started.ElapsedMilliseconds} ms, {string.Join("; ", frames.Select(Describe))}");

            Assert.Equal(targets.Select(t => t["refId"]!.GetValue<string>()), frames.Select(f => f.GetProperty("refId").GetString()));
            if (!expectData)
            {
                continue;
            }

            foreach (var frame in frames)
            {
                Assert.True(GrafanaFrames.HasData(frame), $"{context}: nothing to draw in {frame}");
            }

            var names = frames.SelectMany(f => GrafanaFrames.IsTable(f) ? GrafanaFrames.ColumnNames(f) : [f.GetProperty("target").GetString()!]).ToHashSet();
            foreach (var field in GrafanaDashboard.FieldsReferenced(panel))
            {
                Assert.True(names.Contains(field), $"{context}: the panel uses field '{field}', which the answer lacks ({string.Join(", ", names)}).");
            }

            if (panel["type"]!.GetValue<string>() == "stat")
            {
                // A stat panel shows its picked fields of the first row: at least one must hold a value.
                var picked = GrafanaDashboard.FieldsKept(panel);
                Assert.NotEmpty(picked);
                var table = frames.Single();
                Assert.Contains(picked, f => GrafanaFrames.Column(table, f)[0].ValueKind is not JsonValueKind.Null);
            }
        }
    }

    private static string Describe(JsonElement frame)
    {
        var text = GrafanaFrames.IsTable(frame)
            ? $"table {frame.GetProperty("rows").GetArrayLength()}x{frame.GetProperty("columns").GetArrayLength()} {frame.GetProperty("rows")}"
            : $"series '{frame.GetProperty("target")}' {frame.GetProperty("datapoints")}";
        return text.Length > 400 ? text[..400] + "…" : text;
    }

    private async Task<JsonElement> QueryAsync(string body, string context)
    {
        var (status, answer) = await fixture.PostAsync("/grafana/query", body);
        Assert.True(status == HttpStatusCode.OK, $"{context}: {(int)status} {answer}\nrequest: {body}");
        return answer;
    }

    private static YamlMappingNode Yaml(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
