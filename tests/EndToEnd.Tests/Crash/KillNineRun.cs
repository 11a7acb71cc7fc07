using System.Diagnostics;
using System.Globalization;
using System.Net;
using Confluent.Kafka;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Avro.Registry.Kafka;
using RecoStreams.QueryApi.Security;
using RecoStreams.Streams.Serialization;
using RecoStreams.Topology;
using RecoStreams.Topology.Wire;
using Domain = RecoStreams.Processors.Domain;

namespace RecoStreams.EndToEnd.Tests.Crash;

/// <summary>
/// The kill -9 harness: the real service runs as a child process against a broker that outlives it, a
/// producer sends events with unique ids at a steady rate, and the service is killed with SIGKILL at random
/// moments (some while it starts or restores, most while it processes) and started again on the same data
/// folder. After the last kill a final incarnation runs until every accepted event is accounted for (or a
/// deadline passes), and the checker compares input and output. Everything is bounded in time.
/// </summary>
internal sealed class KillNineRun(CrashCluster cluster, string guarantee, int kills, Action<string> log)
{
    private const int Users = 60;
    private const int Items = 30;
    private const double EventsPerSecond = 40;
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan SettleDeadline = TimeSpan.FromSeconds(150);

    public List<double> RestartSecondsToReady { get; } = [];

    public async Task<CrashFigures> RunAsync()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var applicationId = $"crash-{run}";
        var exactlyOnce = guarantee == "ExactlyOnce";
        var secret = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var token = JwtTokenIssuer.Hs256(secret).Issue(new JwtTokenRequest("crash-test") { Roles = [RecoStreamsPolicies.AdminRole] });
        var dataDirectory = Path.Combine(Path.GetTempPath(), "reco-crash-" + run);
        var users = Enumerable.Range(0, Users).Select(i => $"user-{run}-{i:D2}").ToList();
        var items = Enumerable.Range(0, Items).Select(i => $"item-{run}-{i:D2}").ToList();
        var seed = Environment.TickCount;
        var random = new Random(seed);
        log($"crash run {applicationId}: {guarantee} on {(cluster.IsMock ? "the mock cluster" : cluster.BootstrapServers)}, {kills} kills, seed {seed}, data {dataDirectory}");

        cluster.PrepareSharedTopics(applicationId);
        using var schemaLog = new KafkaSchemaStore(new KafkaSchemaStoreOptions { BootstrapServers = cluster.BootstrapServers, Topic = RecoTopics.Schemas });
        var registry = await EmbeddedSchemaRegistry.OpenAsync(schemaLog, CancellationToken.None);
        cluster.PrepareApplicationTopics(applicationId, registry);
        cluster.StartGroupAtEnd(applicationId);
        var updatesFrom = cluster.EndOffsets(RecoTopics.RecommendationUpdated);
        ProduceCatalog(registry, items);

        var settings = new ServiceSettings(
            cluster.BootstrapServers,
            applicationId,
            dataDirectory,
            guarantee,
            CommitIntervalMs: exactlyOnce ? 100 : 1000,
            secret,
            ["--group-instance-id", applicationId],
            new Dictionary<string, string>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:RecoStreams"] = "Information",
                ["Kafka:Consumer:session.timeout.ms"] = "6000",
                ["Kafka:Consumer:heartbeat.interval.ms"] = "500",

                // The mock's 5 MiB per partition counts stored (compressed) batches.
                ["Kafka:Producer:compression.type"] = "lz4",
            });
        var checker = new CrashChecker(cluster, applicationId, registry, exactlyOnce);
        using var producer = new SteadyEventProducer(cluster.BootstrapServers, registry, users, items, EventsPerSecond);
        producer.Start();
        try
        {
            for (var kill = 1; kill <= kills; kill++)
            {
                using var service = ServiceProcess.Start(settings, kill);
                var duringStart = random.NextDouble() < 0.25;
                if (duringStart)
                {
                    await Task.Delay(TimeSpan.FromSeconds(0.3 + (random.NextDouble() * 3.5)));
                }
                else
                {
                    await WaitReadyAsync(service);
                    await Task.Delay(TimeSpan.FromSeconds(0.2 + (random.NextDouble() * 3)));
                }

                service.Kill();
                log($"kill {kill}: SIGKILL after {service.StartedAt.Elapsed.TotalSeconds:0.0} s ({(duringStart ? "while starting" : "while running")}), {producer.Accepted.Count} events accepted so far");
            }

            producer.Stop();
            log($"producer stopped: {producer.Accepted.Count} events accepted, {producer.Failed} failed");
            using var final = ServiceProcess.Start(settings, kills + 1);
            await WaitReadyAsync(final);
            var accepted = producer.Accepted.ToList();
            var bySignal = accepted.ToDictionary(e => (e.UserId, e.AtMs), e => e.EventId);
            var expected = accepted.GroupBy(e => e.UserId).ToDictionary(g => g.Key, g => (long)g.Count());
            var settle = Stopwatch.StartNew();
            (Dictionary<string, long> Interactions, Dictionary<string, int> Signals) observed;
            while (true)
            {
                observed = await checker.ObserveAsync(final.Endpoint, token, expected.Keys, bySignal);
                var complete = accepted.All(e => observed.Signals.ContainsKey(e.EventId))
                    && expected.All(e => observed.Interactions.GetValueOrDefault(e.Key) >= e.Value);
                if (complete || settle.Elapsed > SettleDeadline)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromSeconds(2));
            }

            // Lists are recomputed every second: give the last ones time to be emitted and committed.
            await Task.Delay(TimeSpan.FromSeconds(3));
            var figures = checker.Figures(kills, accepted, observed.Interactions, observed.Signals, updatesFrom);
            log(figures.ToString());
            log(RestartSecondsToReady.Count == 0
                ? "no restart reached readiness"
                : $"restart to ready after kill -9: {RestartSecondsToReady.Count} restarts, median {Median(RestartSecondsToReady):0.0} s, max {RestartSecondsToReady.Max():0.0} s");
            if (!final.Terminate(TimeSpan.FromSeconds(30)))
            {
                log("the final incarnation did not stop within 30 s of SIGTERM: " + final.LogTail());
            }

            Directory.Delete(dataDirectory, recursive: true);
            return figures;
        }
        catch
        {
            log("service log tail:\n" + LastLogTail(dataDirectory));
            throw;
        }
    }

    private async Task WaitReadyAsync(ServiceProcess service)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (service.HasExited)
            {
                throw new InvalidOperationException("The service exited on its own:\n" + service.LogTail());
            }

            if (service.StartedAt.Elapsed > ReadyDeadline)
            {
                throw new TimeoutException($"The service was not ready within {ReadyDeadline.TotalSeconds:0} s:\n" + service.LogTail());
            }

            try
            {
                using var response = await client.GetAsync(new Uri($"http://{service.Endpoint}/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    RestartSecondsToReady.Add(service.StartedAt.Elapsed.TotalSeconds);
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private void ProduceCatalog(Avro.Registry.ISchemaRegistryClient registry, IReadOnlyList<string> items)
    {
        var serde = InputSerdes.CatalogItems(registry);
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, Partitioner = Partitioner.Murmur2Random }).Build();
        for (var i = 0; i < items.Count; i++)
        {
            var item = new Domain.CatalogItem(items[i], "Title " + items[i], [i % 2 == 0 ? "Drama" : "Comedy"], ["Creator " + (i % 7).ToString(CultureInfo.InvariantCulture)], "en", [], 5400, true, DateTimeOffset.UtcNow);
            producer.Produce(RecoTopics.CatalogItems, new Message<string, byte[]>
            {
                Key = item.ItemId,
                Value = serde.Serialize(item, new SerdeContext(RecoTopics.CatalogItems, IsKey: false)),
            });
        }

        if (producer.Flush(TimeSpan.FromSeconds(30)) != 0)
        {
            throw new TimeoutException("The catalog was not acknowledged within 30 s.");
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string LastLogTail(string dataDirectory)
    {
        var last = Directory.Exists(dataDirectory) ? Directory.GetFiles(dataDirectory, "service-*.log").Order().LastOrDefault() : null;
        if (last is null)
        {
            return "(no service log)";
        }

        var lines = File.ReadAllLines(last);
        return last + ":\n" + string.Join('\n', lines.Skip(Math.Max(0, lines.Length - 60)));
    }
}
