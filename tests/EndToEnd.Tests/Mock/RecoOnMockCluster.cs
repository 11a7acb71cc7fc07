using System.Diagnostics;
using Confluent.Kafka;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Streams;
using RecoStreams.Streams.Kafka.Admin;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Streams.Serialization;
using RecoStreams.Topology;
using RecoStreams.Topology.Wire;
using Domain = RecoStreams.Processors.Domain;

namespace RecoStreams.EndToEnd.Tests.Mock;

/// <summary>
/// The RecoStreams topology in <see cref="KafkaStreams"/> (RocksDB stores) on a mock cluster of its own with
/// RecoStreams' topics created, an in-process schema registry, and messages encoded as a producer would send
/// them. The application is created, not started; disposing stops it and removes its state folder.
/// </summary>
internal sealed class RecoOnMockCluster : IDisposable
{
    public const int Partitions = 3;
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly string _stateDirectory;
    private readonly List<string> _log = [];
    private readonly ConfluentAvroSerde<Avro.Contracts.EngagementEvent, Domain.EngagementEvent> _events;
    private readonly ConfluentAvroSerde<Avro.Contracts.CatalogItem, Domain.CatalogItem> _catalog;

    private RecoOnMockCluster(MockCluster cluster, EmbeddedSchemaRegistry registry, RecoStreamsTopology reco, KafkaStreams app, string stateDirectory)
    {
        Cluster = cluster;
        Registry = registry;
        Reco = reco;
        App = app;
        _stateDirectory = stateDirectory;
        _events = InputSerdes.EngagementEvents(registry);
        _catalog = InputSerdes.CatalogItems(registry);
        App.Log = line =>
        {
            lock (_log)
            {
                _log.Add(line);
            }
        };
    }

    public MockCluster Cluster { get; }

    public EmbeddedSchemaRegistry Registry { get; }

    public RecoStreamsTopology Reco { get; }

    public KafkaStreams App { get; }

    /// <summary>What the application logged so far, for a failing test's output.</summary>
    public IReadOnlyList<string> LogLines
    {
        get
        {
            lock (_log)
            {
                return [.. _log];
            }
        }
    }

    public static async Task<RecoOnMockCluster> CreateAsync(string applicationId, TimeSpan commitInterval)
    {
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), CancellationToken.None);
        var reco = RecoStreamsTopology.Build(new RecoTopologyOptions { ApplicationId = applicationId }, registry);
        var cluster = new MockCluster();
        foreach (var (topic, _, keyed) in reco.Topics.External)
        {
            cluster.CreateTopic(topic, keyed ? Partitions : 1);
        }

        var stateDirectory = Path.Combine(Path.GetTempPath(), applicationId + "-" + Guid.NewGuid().ToString("N"));
        var options = new StreamsOptions
        {
            ApplicationId = applicationId,
            BootstrapServers = cluster.BootstrapServers,
            StateDirectory = stateDirectory,
            CommitInterval = commitInterval,
            PollTimeout = TimeSpan.FromMilliseconds(50),
            DeadLetterTopic = RecoTopics.EngagementEventsDeadLetter,
        };
        return new RecoOnMockCluster(cluster, registry, reco, new KafkaStreams(reco.Topology, options, new MockTopicAdmin(cluster)), stateDirectory);
    }

    /// <summary>A producer of this cluster; murmur2 places keyed records as the service's router expects, as RecoStreams' own producers do.</summary>
    public IProducer<string, byte[]> Producer(bool murmur2 = true) =>
        new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = Cluster.BootstrapServers,
            Partitioner = murmur2 ? Partitioner.Murmur2Random : Partitioner.ConsistentRandom,
            LingerMs = 1,
        }).Build();

    /// <summary>An engagement event as EngagementEvent Avro in Confluent's wire format, keyed by its user unless told otherwise.</summary>
    public Message<string, byte[]> EventMessage(Domain.EngagementEvent e, string? key = null) => new()
    {
        Key = key ?? e.UserId,
        Value = _events.Serialize(e, new SerdeContext(RecoTopics.EngagementEvents, IsKey: false)),
    };

    public Message<string, byte[]> CatalogMessage(Domain.CatalogItem item) => new()
    {
        Key = item.ItemId,
        Value = _catalog.Serialize(item, new SerdeContext(RecoTopics.CatalogItems, IsKey: false)),
    };

    public static void WaitFor(Func<bool> condition, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Deadline)
            {
                throw new TimeoutException($"Timed out after {Deadline.TotalSeconds} s waiting for {what()}.");
            }

            Thread.Sleep(50);
        }
    }

    public void Dispose()
    {
        App.Dispose();
        Cluster.Dispose();
        if (Directory.Exists(_stateDirectory))
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
    }
}
