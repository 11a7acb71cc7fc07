using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using RecoStreams.Processors.Domain;
using RecoStreams.Streams.Serialization;
using RecoStreams.Topology;
using RecoStreams.Topology.Wire;

namespace RecoStreams.EndToEnd.Tests.Crash;

/// <summary>One event the broker acknowledged: what the service has accepted and must never lose.</summary>
internal sealed record AcceptedEvent(string EventId, string UserId, string ItemId, long AtMs);

/// <summary>
/// Sends VIEW events with unique ids at a steady rate, keyed by user with murmur2 (as the service's router
/// assumes), from a background thread until stopped. Each event's time is a distinct millisecond, so a
/// record derived from it (the by-item signal) names its event. Only acknowledged events count as accepted.
/// </summary>
internal sealed class SteadyEventProducer : IDisposable
{
    private readonly IProducer<string, byte[]> _producer;
    private readonly ConfluentAvroSerde<Avro.Contracts.EngagementEvent, EngagementEvent> _serde;
    private readonly IReadOnlyList<string> _users;
    private readonly IReadOnlyList<string> _items;
    private readonly double _perSecond;
    private readonly ConcurrentQueue<AcceptedEvent> _accepted = new();
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private long _failed;

    public SteadyEventProducer(string bootstrapServers, Avro.Registry.ISchemaRegistryClient registry, IReadOnlyList<string> users, IReadOnlyList<string> items, double perSecond)
    {
        _producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Partitioner = Confluent.Kafka.Partitioner.Murmur2Random,
            EnableIdempotence = true,
            LingerMs = 5,
        }).Build();
        _serde = InputSerdes.EngagementEvents(registry);
        _users = users;
        _items = items;
        _perSecond = perSecond;
    }

    public IReadOnlyCollection<AcceptedEvent> Accepted => _accepted;

    public long Failed => Interlocked.Read(ref _failed);

    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "crash-test-producer" };
        _thread.Start();
    }

    /// <summary>Stops sending and waits until every event sent has been acknowledged or has failed.</summary>
    public void Stop()
    {
        _stop.Cancel();
        _thread?.Join();
        if (_producer.Flush(TimeSpan.FromSeconds(30)) != 0)
        {
            throw new TimeoutException("Events sent to the broker were not acknowledged within 30 s.");
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread?.Join();
        _producer.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        var random = new Random(7);
        var clock = Stopwatch.StartNew();
        var lastMs = 0L;
        for (long sent = 0; !_stop.IsCancellationRequested; sent++)
        {
            // Read the clock once: a second read could pass `due` and hand Thread.Sleep a negative span.
            var wait = TimeSpan.FromSeconds(sent / _perSecond) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }

            lastMs = Math.Max(lastMs + 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            var e = new EngagementEvent(
                Guid.NewGuid().ToString("D"),
                _users[random.Next(_users.Count)],
                _items[random.Next(_items.Count)],
                EventType.View,
                DateTimeOffset.FromUnixTimeMilliseconds(lastMs));
            var message = new Message<string, byte[]>
            {
                Key = e.UserId,
                Value = _serde.Serialize(e, new SerdeContext(RecoTopics.EngagementEvents, IsKey: false)),
            };
            _producer.Produce(RecoTopics.EngagementEvents, message, report =>
            {
                if (report.Error.IsError)
                {
                    Interlocked.Increment(ref _failed);
                }
                else
                {
                    _accepted.Enqueue(new AcceptedEvent(e.EventId, e.UserId, e.ItemId, e.OccurredAtMs));
                }
            });
        }
    }
}
