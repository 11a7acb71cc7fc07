using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Confluent.Kafka;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.EndToEnd.Tests.Routing;
using RecoStreams.QueryApi.Embedded;
using RecoStreams.QueryApi.Schemas;
using RecoStreams.QueryApi.Security;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Serialization;
using RecoStreams.Topology;
using RecoStreams.Topology.Wire;
using Xunit;
using static RecoStreams.Topology.Tests.Support.RecoScenario;

namespace RecoStreams.EndToEnd.Tests.Experiments;

/// <summary>
/// The feedback loop through the API of two instances on one mock cluster: an experiment created on one
/// instance assigns alike on both, served lists carry request id, experiment and variant, feedback on them is
/// attributed by the topology, and both instances answer the same results (routed to the owner of the
/// experiment's counts) while exactly one exports its ctr series on /metrics.
/// </summary>
public sealed class ExperimentOnTwoInstancesTests
{
    private const string App = "reco-experiments";
    private const int Partitions = 4;
    private const int Users = 24;

    [Fact]
    public async Task An_experiment_serves_two_variants_collects_feedback_and_shows_ctr_with_significance_on_both_instances()
    {
        var output = TestContext.Current.TestOutputHelper!;
        var (secret, token) = TwoInstanceTestKit.AdminCredentials();
        using var cluster = EmbeddedKafka.Start(new RecoTopics(App), Partitions);
        var users = Enumerable.Range(0, Users).Select(i => "user-" + i.ToString("D2", CultureInfo.InvariantCulture)).ToList();
        await ProduceCatalogAndEventsAsync(cluster, users);

        await using var first = await RecoInstance.StartAsync(cluster, App, secret, token);
        await using var second = await RecoInstance.StartAsync(cluster, App, secret, token);
        RecoInstance[] instances = [first, second];
        await TwoInstanceTestKit.WaitUntilAsync(
            () => Task.FromResult(instances.All(i => i.Streams.State == KafkaStreamsState.Running && i.Streams.LocalTasks.Count > 0 && i.Streams.Instances.Count == 2)),
            "both instances running with tasks");

        using var created = await first.Client.PostAsJsonAsync(
            new Uri("admin/experiments", UriKind.Relative),
            new
            {
                id = "ab-e2e",
                description = "stronger diversity",
                variants = new object[]
                {
                    new { name = "control", weight = 1, control = true },
                    new { name = "diverse", weight = 1, model_version = "m-2", recommender = new { mmr_lambda = 0.5 } },
                },
            },
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await TwoInstanceTestKit.WaitUntilAsync(async () => (await second.GetAsync("admin/experiments/ab-e2e")).Status == HttpStatusCode.OK, "the experiment in the second instance's global table");

        // Every user once from each instance: both assign alike; control users click position 1 of one list, diverse users of both.
        var clicks = new Dictionary<string, int> { ["control"] = 0, ["diverse"] = 0 };
        var impressions = new Dictionary<string, int> { ["control"] = 0, ["diverse"] = 0 };
        foreach (var user in users)
        {
            var variants = new List<string>();
            for (var i = 0; i < instances.Length; i++)
            {
                var page = await ServedPageAsync(instances[i], user);
                var variant = page.GetProperty("variant").GetString()!;
                Assert.Equal("ab-e2e", page.GetProperty("experiment_id").GetString());
                variants.Add(variant);
                var items = page.GetProperty("items").EnumerateArray().ToList();
                impressions[variant] += items.Count;
                if (variant == "diverse" || i == 0)
                {
                    var click = new { user_id = user, item_id = items[0].GetProperty("item_id").GetString(), kind = "click", position = 1, request_id = page.GetProperty("request_id").GetString() };
                    Assert.Equal(HttpStatusCode.Accepted, await PostFeedbackAsync(instances[1 - i], click));
                    clicks[variant]++;
                }
            }

            Assert.Single(variants.Distinct());
        }

        Assert.All(clicks.Values, c => Assert.True(c > 0));
        output.WriteLine($"served impressions {string.Join(", ", impressions)}; clicks {string.Join(", ", clicks)}");

        string[] answers = [];
        await TwoInstanceTestKit.WaitUntilAsync(
            async () =>
            {
                answers = await Task.WhenAll(instances.Select(async i => (await i.GetAsync("admin/experiments/ab-e2e/results")).Body));
                return answers.All(a => Counted(a, impressions, clicks)) && answers[0] == answers[1];
            },
            () => "the same complete results from both instances; last: " + string.Join("\n", answers));
        output.WriteLine(answers[0]);
        var diverse = JsonDocument.Parse(answers[0]).RootElement.GetProperty("variants").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "diverse");
        var comparison = diverse.GetProperty("ctr_vs_control");
        // The uplift the test's own counts imply (its sign depends on how long each variant's lists were, which varies with load).
        var expectedUplift = ((double)clicks["diverse"] / impressions["diverse"]) / ((double)clicks["control"] / impressions["control"]) - 1;
        Assert.Equal(expectedUplift, comparison.GetProperty("relative_uplift").GetDouble(), 9);
        Assert.InRange(comparison.GetProperty("p_value").GetDouble(), 0, 1);
        Assert.Equal("m-2", diverse.GetProperty("model_version").GetString());

        var scrapes = await Task.WhenAll(instances.Select(async i => (await i.GetAsync("metrics")).Body));
        var exporting = scrapes.Where(s => s.Contains("recostreams_experiment_ctr{", StringComparison.Ordinal) && s.Contains("experiment=\"ab-e2e\"", StringComparison.Ordinal)).ToList();
        var series = Assert.Single(exporting);
        var ctr = diverse.GetProperty("ctr").GetDouble();
        Assert.Contains(
            series.Split('\n'),
            line => line.StartsWith("recostreams_experiment_ctr{", StringComparison.Ordinal) && line.Contains("variant=\"diverse\"", StringComparison.Ordinal)
                && Math.Abs(double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture) - ctr) < 1e-9);

        // Every served list's exposure reached the counts above, so both instances export the writer's counters at zero.
        foreach (var counter in new[] { "recostreams_exposures_dropped_total", "recostreams_exposures_lost_total" })
        {
            Assert.All(scrapes, scrape => Assert.Equal(0, ExportedValue(scrape, counter)));
        }
    }

    /// <summary>The value of an unlabelled (or scope-labelled only) series in a Prometheus scrape; fails when it is not exported.</summary>
    private static double ExportedValue(string scrape, string name)
    {
        var line = Assert.Single(scrape.Split('\n'), l => l.StartsWith(name + " ", StringComparison.Ordinal) || l.StartsWith(name + "{", StringComparison.Ordinal));
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    private static bool Counted(string body, IReadOnlyDictionary<string, int> impressions, IReadOnlyDictionary<string, int> clicks)
    {
        if (!body.StartsWith('{'))
        {
            return false;
        }

        var variants = JsonDocument.Parse(body).RootElement.GetProperty("variants").EnumerateArray()
            .ToDictionary(v => v.GetProperty("name").GetString()!, v => (Impressions: v.GetProperty("impressions").GetInt64(), Clicks: v.GetProperty("clicks").GetInt64()));
        return impressions.All(i => variants[i.Key].Impressions == i.Value) && clicks.All(c => variants[c.Key].Clicks == c.Value);
    }

    /// <summary>The user's page once it is a 200 with items (a 503 during a move is retried).</summary>
    /// <summary>
    /// Posts feedback as a client would: a 503 (the instance is rebalancing and cannot check the item yet; nothing
    /// was produced) is retried after its Retry-After, anything else is the answer.
    /// </summary>
    private static async Task<HttpStatusCode> PostFeedbackAsync(RecoInstance instance, object click)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await instance.Client.PostAsJsonAsync(new Uri("feedback", UriKind.Relative), click, TestContext.Current.CancellationToken);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 10)
            {
                return response.StatusCode;
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        }
    }

    private static async Task<JsonElement> ServedPageAsync(RecoInstance instance, string user)
    {
        JsonElement page = default;
        await TwoInstanceTestKit.WaitUntilAsync(
            async () =>
            {
                var (status, body, _) = await instance.GetAsync($"recommendations/{user}");
                if (status != HttpStatusCode.OK)
                {
                    return false;
                }

                page = JsonDocument.Parse(body).RootElement.Clone();
                return page.GetProperty("items").GetArrayLength() > 0;
            },
            $"a non-empty list for {user} from {instance.Endpoint}");
        return page;
    }

    private static Task ProduceCatalogAndEventsAsync(EmbeddedKafka cluster, IReadOnlyList<string> users)
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        return TwoInstanceTestKit.ProduceAsync(cluster, Catalog, users.Select((user, u) => View(user, Catalog[u % Catalog.Count].ItemId, start.AddMinutes(u))));
    }
}
