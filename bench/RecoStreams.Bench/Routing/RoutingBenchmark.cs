using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Confluent.Kafka;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Avro.Registry.Kafka;
using RecoStreams.Bench.Topology;
using RecoStreams.EndToEnd.Tests.Routing;
using RecoStreams.QueryApi.Embedded;
using RecoStreams.QueryApi.Queries;
using RecoStreams.QueryApi.Security;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Serialization;
using RecoStreams.Topology;
using RecoStreams.Topology.Wire;

namespace RecoStreams.Bench.Routing;

/// <summary>
/// `routing`: two instances on one embedded cluster; GET /recommendations/{user} sent to the first instance
/// for users it hosts (answered locally) and for users the second hosts (forwarded once), alternating runs
/// of the same length and concurrency, so the forwarded path is reported as a ratio to the local one.
/// The load generator runs in the same process (and on the same cores) as both instances.
/// </summary>
internal sealed class RoutingBenchmark : IBenchmarkCommand
{
    private const string App = "reco-bench-routing";
    private const int Partitions = 6;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    public string Name => "routing";

    public async Task<int> RunAsync(string[] args)
    {
        var seconds = int.Parse(RocksDbBenchSupport.OptionValue(args, "--seconds", "10"), CultureInfo.InvariantCulture);
        var connections = int.Parse(RocksDbBenchSupport.OptionValue(args, "--connections", "16"), CultureInfo.InvariantCulture);
        var rounds = int.Parse(RocksDbBenchSupport.OptionValue(args, "--rounds", "3"), CultureInfo.InvariantCulture);
        var json = RocksDbBenchSupport.OptionValue(args, "--json");
        var secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var token = JwtTokenIssuer.Hs256(secret).Issue(new JwtTokenRequest("bench") { Roles = [RecoStreamsPolicies.AdminRole] });

        using var cluster = EmbeddedKafka.Start(new RecoTopics(App), Partitions);
        var users = await SeedAsync(cluster, users: 300, events: 3_000);
        await using var first = await RecoInstance.StartAsync(cluster, App, secret, token);
        await using var second = await RecoInstance.StartAsync(cluster, App, secret, token);
        WaitFor(
            () => first.Streams.State == KafkaStreamsState.Running && second.Streams.State == KafkaStreamsState.Running
                && second.Streams.LocalTasks.Count > 0 && first.Streams.LocalTasks.Count > 0 && first.Streams.Instances.Count == 2,
            "both instances to run and see each other");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = new Uri($"http://{first.Endpoint}/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var stored = await StoredListUsersAsync(http, users);
        var local = stored.Where(u => IsLocal(first, u)).ToList();
        var remote = stored.Where(u => !IsLocal(first, u)).ToList();
        Console.WriteLine($"{stored.Count} users with stored lists: {local.Count} hosted by {first.Endpoint}, {remote.Count} by {second.Endpoint}");

        // Warm-up of both paths (JIT, connection pools), then alternating rounds so drift hits both alike.
        await LoadAsync(http, local, connections, TimeSpan.FromSeconds(2));
        await LoadAsync(http, remote, connections, TimeSpan.FromSeconds(2));
        var localRuns = new List<LoadResult>();
        var forwardedRuns = new List<LoadResult>();
        for (var round = 0; round < rounds; round++)
        {
            localRuns.Add(await LoadAsync(http, local, connections, TimeSpan.FromSeconds(seconds)));
            forwardedRuns.Add(await LoadAsync(http, remote, connections, TimeSpan.FromSeconds(seconds)));
        }

        var localResult = LoadResult.Combine(localRuns);
        var forwardedResult = LoadResult.Combine(forwardedRuns);
        Console.WriteLine($"local:     {localResult}");
        Console.WriteLine($"forwarded: {forwardedResult}");
        Console.WriteLine(FormattableString.Invariant(
            $"forwarded/local: throughput {forwardedResult.RequestsPerSecond / localResult.RequestsPerSecond:F2}x, p50 {forwardedResult.P50Ms / localResult.P50Ms:F2}x, p99 {forwardedResult.P99Ms / localResult.P99Ms:F2}x"));
        if (json is not null)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new { benchmark = Name, connections, seconds, rounds, local = localResult, forwarded = forwardedResult }));
        }

        return localResult.Errors + forwardedResult.Errors == 0 ? 0 : 1;
    }

    private static bool IsLocal(RecoInstance instance, string user) =>
        instance.Streams.QueryMetadataForPartition(RecoStoreNames.Profiles, KeyPartitions.Of(user, Partitions)).IsLocal;

    /// <summary>The users whose stored list (not a cold start computed per request) the instances serve.</summary>
    private static async Task<List<string>> StoredListUsersAsync(HttpClient http, IReadOnlyList<string> users)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var stored = new List<string>();
            foreach (var user in users)
            {
                using var response = await http.GetAsync(new Uri($"recommendations/{user}", UriKind.Relative));
                if (response.IsSuccessStatusCode && !(await response.Content.ReadAsStringAsync()).Contains("\"cold_start\":true", StringComparison.Ordinal))
                {
                    stored.Add(user);
                }
            }

            if (stored.Count >= users.Count * 9 / 10 || DateTime.UtcNow > deadline)
            {
                return stored;
            }

            await Task.Delay(1000);
        }
    }

    private static async Task<LoadResult> LoadAsync(HttpClient http, IReadOnlyList<string> users, int connections, TimeSpan duration)
    {
        var latencies = new List<double>[connections];
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            var next = worker;
            while (clock.Elapsed < duration)
            {
                var user = users[next++ % users.Count];
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(new Uri($"recommendations/{user}", UriKind.Relative), HttpCompletionOption.ResponseContentRead);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        return LoadResult.From([.. latencies.SelectMany(l => l)], clock.Elapsed, errors);
    }

    /// <summary>Written before any instance opens the registry log, so no two processes write it at once.</summary>
    private static async Task<IReadOnlyList<string>> SeedAsync(EmbeddedKafka cluster, int users, int events)
    {
        using var schemaLog = new KafkaSchemaStore(new KafkaSchemaStoreOptions { BootstrapServers = cluster.BootstrapServers, Topic = RecoTopics.Schemas });
        var registry = await EmbeddedSchemaRegistry.OpenAsync(schemaLog);
        var eventSerde = InputSerdes.EngagementEvents(registry);
        var catalogSerde = InputSerdes.CatalogItems(registry);
        var workload = new SyntheticWorkload(items: 500, users: users);
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, Partitioner = Partitioner.Murmur2Random, LingerMs = 5 }).Build();
        foreach (var item in workload.Catalog)
        {
            producer.Produce(RecoTopics.CatalogItems, new Message<string, byte[]> { Key = item.ItemId, Value = catalogSerde.Serialize(item, new SerdeContext(RecoTopics.CatalogItems, IsKey: false)) });
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < events; i++)
        {
            var e = workload.NextEvent(DateTimeOffset.UtcNow);
            seen.Add(e.UserId);
            producer.Produce(RecoTopics.EngagementEvents, new Message<string, byte[]> { Key = e.UserId, Value = eventSerde.Serialize(e, new SerdeContext(RecoTopics.EngagementEvents, IsKey: false)) });
        }

        if (producer.Flush(TimeSpan.FromSeconds(60)) > 0)
        {
            throw new TimeoutException("Seeding did not complete within 60 s.");
        }

        return [.. seen.Order(StringComparer.Ordinal)];
    }

    private static void WaitFor(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            Thread.Sleep(100);
        }
    }
}
