using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using RecoStreams.EndToEnd.Tests.Routing;
using RecoStreams.QueryApi.Embedded;
using RecoStreams.QueryApi.Security;
using RecoStreams.Topology;
using Xunit;

namespace RecoStreams.EndToEnd.Tests.Observability;

/// <summary>
/// A real Prometheus scrapes a whole instance while events flow in, loads deploy/prometheus/alerts.yml,
/// answers the PromQL a dashboard asks for throughput, lag and freshness, and every query of
/// deploy/grafana's dashboard. One malformed record per
/// kind makes the dead-letter series exist, as the alert rules expect.
/// </summary>
public sealed partial class PrometheusScrapeTests
{
    private const string App = "reco-prometheus";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static readonly string[] Throughput = ["sum(rate(recostreams_streams_records_processed_total[10s]))", "> 0"];
    private static readonly string[] Lag = [$"max by (topic) (recostreams_streams_records_lag{{topic=\"{RecoTopics.EngagementEvents}\"}})", ">= 0"];
    private static readonly string[] Freshness = ["histogram_quantile(0.99, sum by (le) (rate(recostreams_recommendation_freshness_seconds_bucket[30s])))", "> 0"];

    [Fact]
    public async Task Prometheus_scrapes_an_instance_and_answers_throughput_lag_and_freshness()
    {
        var output = TestContext.Current.TestOutputHelper!;
        var secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var token = JwtTokenIssuer.Hs256(secret).Issue(new JwtTokenRequest("ops") { Roles = [RecoStreamsPolicies.AdminRole] });
        using var cluster = EmbeddedKafka.Start(new RecoTopics(App), partitions: 2);
        using var traffic = await EngagementTraffic.OpenAsync(cluster);
        traffic.ProduceCatalog();
        traffic.ProduceViews(Users(0, 4));
        traffic.ProduceMalformed(Users(0, 1));
        var rules = DeployFolder.Find("prometheus/alerts.yml");
        await using var instance = await RecoInstance.StartAsync(cluster, App, secret, token);
        await using var prometheus = await PrometheusServer.StartAsync([instance.Endpoint], rules);

        var answers = new Dictionary<string, double>();
        var deadline = DateTime.UtcNow + Deadline;
        var batch = 1;
        while (answers.Count < 3)
        {
            Assert.True(DateTime.UtcNow < deadline, "Prometheus did not answer within the deadline; answered so far: " + string.Join(", ", answers.Keys));

            // New users each second keep records flowing and lists being emitted across several scrapes.
            traffic.ProduceViews(Users(batch * 4, 4));
            batch++;
            await Task.Delay(1000, CancellationToken.None);
            foreach (var query in new[] { Throughput, Lag, Freshness }.Where(q => !answers.ContainsKey(q[0])))
            {
                var result = await prometheus.QueryAsync($"{query[0]} {query[1]}");
                if (result.Count > 0 && double.IsFinite(result[0].Value))
                {
                    answers[query[0]] = result[0].Value;
                    output.WriteLine($"{query[0]} = {result[0].Value.ToString(CultureInfo.InvariantCulture)}");
                }
            }
        }

        Assert.True(answers[Throughput[0]] > 0);
        Assert.True(answers[Freshness[0]] > 0);
        await AssertAlertRulesEvaluateAsync(prometheus, rules);
        await AssertDashboardQueriesEvaluateAsync(prometheus);
    }

    /// <summary>Every query of deploy/grafana's dashboard is valid PromQL that Prometheus evaluates (as Grafana would send it).</summary>
    private static async Task AssertDashboardQueriesEvaluateAsync(PrometheusServer prometheus)
    {
        var dashboard = DeployFolder.Find("grafana/recostreams-dashboard.json");
        Assert.True(dashboard is not null, "deploy/grafana/recostreams-dashboard.json was not found above the test's working directory.");
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(dashboard, CancellationToken.None));
        var queries = json.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)
            .ToList();
        Assert.NotEmpty(queries);
        foreach (var query in queries)
        {
            // Throws on a query Prometheus rejects; an empty answer is fine (no 5xx in this run).
            await prometheus.QueryAsync(query.Replace("$__rate_interval", "30s", StringComparison.Ordinal).Replace("$instance", ".*", StringComparison.Ordinal));
        }

        await AssertNamesExportedAsync(prometheus, string.Join('\n', queries), "the dashboard");
    }

    /// <summary>Every alert loaded and evaluated without error, and every metric it names (but the mirror's, off here) exists.</summary>
    private static async Task AssertAlertRulesEvaluateAsync(PrometheusServer prometheus, string? rules)
    {
        Assert.True(rules is not null, "deploy/prometheus/alerts.yml was not found above the test's working directory.");
        var health = await prometheus.RuleHealthAsync();
        Assert.NotEmpty(health);
        Assert.All(health, rule => Assert.True(rule.Value == "ok", $"{rule.Key}: {rule.Value}"));
        await AssertNamesExportedAsync(prometheus, await File.ReadAllTextAsync(rules, CancellationToken.None), "the alert rules");
    }

    /// <summary>Every recostreams_ metric <paramref name="text"/> names exists in Prometheus, but the mirror's (no Postgres here).</summary>
    private static async Task AssertNamesExportedAsync(PrometheusServer prometheus, string text, string where)
    {
        var names = MetricName().Matches(text)
            .Select(m => Regex.Replace(m.Value, "_(bucket|count|sum)$", string.Empty))
            .Where(n => !n.StartsWith("recostreams_mirror_", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(names);
        foreach (var name in names)
        {
            Assert.True((await prometheus.QueryAsync($"count({{__name__=~\"{name}(_bucket|_count)?\"}})")).Count > 0, $"{where} name {name}, which the instance does not export");
        }
    }

    private static IEnumerable<string> Users(int first, int count) =>
        Enumerable.Range(first, count).Select(i => "user-" + i.ToString("D3", CultureInfo.InvariantCulture));

    [GeneratedRegex("recostreams_[a-z_]+")]
    private static partial Regex MetricName();
}
