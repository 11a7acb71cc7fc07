using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RecoStreams.EndToEnd.Tests.Routing;
using RecoStreams.QueryApi.Embedded;
using RecoStreams.QueryApi.Security;
using RecoStreams.QueryApi.Tests.Observability;
using RecoStreams.Topology;
using Xunit;

namespace RecoStreams.EndToEnd.Tests.Observability;

/// <summary>
/// A whole instance (as `run` builds it) on the mock cluster processes valid, duplicate and malformed
/// events; its /metrics must then have a sample for every instrument its meters declare, and non-zero
/// samples for what that traffic necessarily moved.
/// </summary>
public sealed class MetricsScrapeTests
{
    private const string App = "reco-metrics";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Every_declared_family_has_a_sample_after_valid_and_malformed_events()
    {
        var output = TestContext.Current.TestOutputHelper!;
        var secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var token = JwtTokenIssuer.Hs256(secret).Issue(new JwtTokenRequest("ops") { Roles = [RecoStreamsPolicies.AdminRole] });
        using var cluster = EmbeddedKafka.Start(new RecoTopics(App), partitions: 2);
        var users = Enumerable.Range(0, 12).Select(i => "user-" + i.ToString("D2", CultureInfo.InvariantCulture)).ToList();
        using (var traffic = await EngagementTraffic.OpenAsync(cluster))
        {
            traffic.ProduceCatalog();
            traffic.ProduceViews(users);
            traffic.ProduceMalformed(users.Take(3));
        }

        await using var instance = await RecoInstance.StartAsync(cluster, App, secret, token);
        IReadOnlyDictionary<string, ParsedFamily> families = new Dictionary<string, ParsedFamily>();
        var deadline = DateTime.UtcNow + Deadline;
        while (!Settled(families))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for the traffic to show in /metrics; last scrape:\n{Describe(families)}");
            await Task.Delay(500, CancellationToken.None);
            families = PrometheusTextParser.Parse(await instance.Client.GetStringAsync(new Uri("metrics", UriKind.Relative), CancellationToken.None));
        }

        output.WriteLine(Describe(families));
        var declared = DeclaredFamilies(instance.Services.GetRequiredService<IMeterFactory>());
        Assert.Contains("recostreams_streams_records_processed_total", declared);
        // Per-experiment gauges have samples only where an experiment's counts live (tests/EndToEnd.Tests/Experiments checks them).
        var empty = declared
            .Where(name => !name.StartsWith("recostreams_experiment_", StringComparison.Ordinal))
            .Where(name => !families.TryGetValue(name, out var family) || family.Samples.Count == 0)
            .ToList();
        Assert.True(empty.Count == 0, "declared families without a sample: " + string.Join(", ", empty));
        Assert.Equal(6, Sum(families, "recostreams_streams_dlq_records_total"));
        Assert.Equal(3, Sum(families, "recostreams_events_invalid_total"));
        Assert.Equal(users.Count * 3, Sum(families, "recostreams_events_deduplicated_total"));
        Assert.Equal(users.Count * 3, Sum(families, "recostreams_events_applied_total"));
        Assert.Contains(families["recostreams_streams_dlq_records_total"].Samples, s => s.Label("stage") == "deserialization");
        Assert.Contains(families["recostreams_streams_dlq_records_total"].Samples, s => s.Label("reason") == "RatingOutOfRange");
        Assert.True(Sum(families, "recostreams_streams_store_entries") > 0);
        Assert.True(Sum(families, "recostreams_streams_store_size_bytes") > 0);
        Assert.Contains(families["recostreams_streams_records_lag"].Samples, s => s.Label("topic") == RecoTopics.EngagementEvents);
        Assert.Equal(1, families["recostreams_streams_state"].Samples.Single(s => s.Label("state") == "Running").Value);
        var threadTime = families["recostreams_streams_thread_time_seconds_total"].Samples;
        Assert.Equal(["commit", "other", "poll", "process", "punctuate"], threadTime.Select(s => s.Label("phase")).Distinct().Order());
        Assert.True(threadTime.Where(s => s.Label("phase") is "poll" or "process").All(s => s.Value > 0));
    }

    /// <summary>All input processed, every user's first list emitted, a commit done, and a second cache lookup seen.</summary>
    private static bool Settled(IReadOnlyDictionary<string, ParsedFamily> families) =>
        families.Count > 0
        && Sum(families, "recostreams_streams_dlq_records_total") >= 6
        && Sum(families, "recostreams_events_applied_total") >= 36
        && Sum(families, "recostreams_recommendations_emitted_total") >= 12
        && Count(families, "recostreams_recommendation_freshness_seconds") >= 1
        && Count(families, "recostreams_item_stats_publish_lag_seconds") >= 1
        && Count(families, "recostreams_streams_commit_duration_seconds") >= 1
        && Sum(families, "recostreams_streams_store_entries") > 0;

    /// <summary>
    /// The Prometheus family of every instrument of the host's own meters (those its IMeterFactory created),
    /// named as the exporter names them: dots become '_', seconds and bytes become suffixes, counters end in _total.
    /// </summary>
    private static List<string> DeclaredFamilies(IMeterFactory factory)
    {
        var names = new List<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name.StartsWith("RecoStreams", StringComparison.Ordinal))
                {
                    names.Add(FamilyName(instrument));
                }
            },
        };
        listener.Start();
        return names;
    }

    private static string FamilyName(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_');
        name += instrument.Unit switch
        {
            "s" => "_seconds",
            "By" => "_bytes",
            _ => string.Empty,
        };
        var counter = instrument.GetType().GetGenericTypeDefinition() is var type && (type == typeof(Counter<>) || type == typeof(ObservableCounter<>));
        return counter ? name + "_total" : name;
    }

    private static double Sum(IReadOnlyDictionary<string, ParsedFamily> families, string name) =>
        families.TryGetValue(name, out var family) ? family.Samples.Sum(s => s.Value) : 0;

    private static double Count(IReadOnlyDictionary<string, ParsedFamily> families, string name) =>
        families.TryGetValue(name, out var family) ? family.Samples.Where(s => s.Name == name + "_count").Sum(s => s.Value) : 0;

    private static string Describe(IReadOnlyDictionary<string, ParsedFamily> families) =>
        string.Join('\n', families.Values.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f =>
            $"{f.Name} ({f.Type}): {f.Samples.Count} samples, sum {f.Samples.Where(s => !s.Name.EndsWith("_bucket", StringComparison.Ordinal)).Sum(s => s.Value).ToString(CultureInfo.InvariantCulture)}"));
}
