using System.Globalization;
using Confluent.Kafka;
using RecoStreams.Avro.Registry.Client;
using RecoStreams.Processors.Domain;
using RecoStreams.Streams.Serialization;
using RecoStreams.Topology;
using RecoStreams.Topology.Wire;

namespace RecoStreams.Bench.Topology;

/// <summary>
/// `seed`: fills a running instance with the synthetic catalog and events (see <see cref="SyntheticWorkload"/>),
/// so query benchmarks read real stored lists. Users are "user-0" … "user-{users-1}". <c>--malformed N</c> adds
/// N bad records for the dead-letter path: alternately bytes that are not Avro and ratings outside 0.5..5.
/// </summary>
internal sealed class SeedCommand : IBenchmarkCommand
{
    public string Name => "seed";

    public Task<int> RunAsync(string[] args)
    {
        var bootstrap = RocksDbBenchSupport.OptionValue(args, "--bootstrap-servers") ?? throw new ArgumentException("--bootstrap-servers is required");
        var registryUrl = new Uri(RocksDbBenchSupport.OptionValue(args, "--schema-registry-url", "http://127.0.0.1:8080/schema-registry/"));
        var events = int.Parse(RocksDbBenchSupport.OptionValue(args, "--events", "20000"), CultureInfo.InvariantCulture);
        var users = int.Parse(RocksDbBenchSupport.OptionValue(args, "--users", "1000"), CultureInfo.InvariantCulture);
        var malformed = int.Parse(RocksDbBenchSupport.OptionValue(args, "--malformed", "0"), CultureInfo.InvariantCulture);

        using var http = new HttpClient();

        // The embedded registry takes writes from authenticated callers only.
        if (RocksDbBenchSupport.OptionValue(args, "--token") is { } token)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        var registry = new SchemaRegistryClient(http, new SchemaRegistryClientOptions { BaseAddress = registryUrl });
        var eventSerde = InputSerdes.EngagementEvents(registry);
        var catalogSerde = InputSerdes.CatalogItems(registry);

        var workload = new SyntheticWorkload(items: 2_000, users: users);
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrap, Partitioner = Partitioner.Murmur2Random, LingerMs = 5 }).Build();
        foreach (var item in workload.Catalog)
        {
            producer.Produce(RecoTopics.CatalogItems, new Message<string, byte[]> { Key = item.ItemId, Value = catalogSerde.Serialize(item, new SerdeContext(RecoTopics.CatalogItems, IsKey: false)) });
        }

        producer.Flush(TimeSpan.FromSeconds(30));
        for (var i = 0; i < events; i++)
        {
            var e = workload.NextEvent(DateTimeOffset.UtcNow);
            producer.Produce(RecoTopics.EngagementEvents, new Message<string, byte[]> { Key = e.UserId, Value = eventSerde.Serialize(e, new SerdeContext(RecoTopics.EngagementEvents, IsKey: false)) });
            if (i % 1000 == 0)
            {
                producer.Poll(TimeSpan.Zero);
            }
        }

        for (var i = 0; i < malformed; i++)
        {
            var e = workload.NextEvent(DateTimeOffset.UtcNow);
            var value = i % 2 == 0
                ? [0x00, 0x00, 0x00, 0x7f, 0xff, 0x13]
                : eventSerde.Serialize(e with { Type = EventType.Rating, Rating = 9 }, new SerdeContext(RecoTopics.EngagementEvents, IsKey: false));
            producer.Produce(RecoTopics.EngagementEvents, new Message<string, byte[]> { Key = e.UserId, Value = value });
        }

        var left = producer.Flush(TimeSpan.FromSeconds(60));
        Console.WriteLine($"seeded {workload.Catalog.Count:N0} items, {events:N0} events and {malformed:N0} malformed records for {users:N0} users ({left} undelivered)");
        return Task.FromResult(left == 0 ? 0 : 1);
    }
}
