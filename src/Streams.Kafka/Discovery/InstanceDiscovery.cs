using Confluent.Kafka;
using RecoStreams.Streams.Kafka.Admin;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Kafka.Clients;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.Runtime;

namespace RecoStreams.Streams.Kafka.Discovery;

/// <summary>
/// Tells every instance of the application which instance hosts which task. Kafka Streams carries this in
/// its partition assignor's user data; librdkafka's built-in assignors have no such slot, so each instance
/// advertises its application.server and tasks on a compacted "{application id}-instances" topic (on every
/// assignment or state change, and on a heartbeat) and follows that topic into an <see cref="InstanceDirectory"/>.
/// </summary>
internal sealed class InstanceDiscovery : IDisposable
{
    private readonly string _endpoint;
    private readonly Func<IReadOnlyCollection<TaskId>> _localTasks;
    private readonly Func<KafkaStreamsState> _state;
    private readonly ITime _clock;
    private readonly Action<string> _log;
    private readonly InstanceAdvertiser _advertiser;
    private readonly InstanceDirectoryReader _reader;
    private readonly Timer _heartbeat;
    private readonly Lock _publishGate = new();
    private bool _withdrawn;

    private InstanceDiscovery(
        string endpoint, TimeSpan heartbeatInterval, InstanceDirectory directory, InstanceAdvertiser advertiser, InstanceDirectoryReader reader,
        Func<IReadOnlyCollection<TaskId>> localTasks, Func<KafkaStreamsState> state, ITime clock, Action<string> log)
    {
        _endpoint = endpoint;
        _localTasks = localTasks;
        _state = state;
        _clock = clock;
        _log = log;
        _advertiser = advertiser;
        _reader = reader;
        Directory = directory;
        _heartbeat = new Timer(_ => Advertise(), null, TimeSpan.Zero, heartbeatInterval);
    }

    public InstanceDirectory Directory { get; }

    public static string TopicName(string applicationId) => applicationId + "-instances";

    /// <summary>Creates the topic if missing, starts following it, and advertises at once.</summary>
    public static InstanceDiscovery Start(
        StreamsOptions options, KafkaClientOptions clientOptions, ITopicAdmin admin,
        Func<IReadOnlyCollection<TaskId>> localTasks, Func<KafkaStreamsState> state, ITime clock, Action<string> log)
    {
        var endpoint = options.ApplicationServer ?? throw new InvalidOperationException("Discovery needs StreamsOptions.ApplicationServer.");
        var topic = TopicName(options.ApplicationId);
        admin.EnsureTopics([new InternalTopicSpec(topic, 1, new Dictionary<string, string> { ["cleanup.policy"] = "compact" })]);
        var partitions = admin.PartitionCounts([topic])[topic];
        var directory = new InstanceDirectory(options.InstanceExpiry);
        var consumer = new ConsumerBuilder<byte[]?, byte[]?>(
            KafkaClientConfigs.RestoreConsumer(clientOptions with { ExactlyOnce = false }, options.ApplicationId + "-instances-reader")).WithClientLog(clientOptions).Build();
        var reader = new InstanceDirectoryReader(consumer, topic, partitions, directory, log);
        var producer = new ProducerBuilder<byte[]?, byte[]?>(KafkaClientConfigs.Producer(clientOptions, options.ApplicationId + "-instances-producer")).WithClientLog(clientOptions).Build();
        return new InstanceDiscovery(
            endpoint, options.InstanceHeartbeatInterval, directory, new InstanceAdvertiser(producer, topic, log), reader, localTasks, state, clock, log);
    }

    /// <summary>Publishes the current tasks and state; safe from any thread, never throws.</summary>
    public void Advertise()
    {
        lock (_publishGate)
        {
            if (_withdrawn)
            {
                return;
            }

            var advertisement = new InstanceAdvertisement(_endpoint, [.. _localTasks()], _state(), _clock.NowMs);
            Directory.Apply(advertisement);
            try
            {
                _advertiser.Publish(advertisement);
            }
            catch (KafkaException e)
            {
                // A full local queue or a fatal producer error: the next heartbeat tries again.
                _log($"Could not advertise {_endpoint}: {e.Error.Reason}");
            }
        }
    }

    /// <summary>A clean stop: no more heartbeats, and a tombstone so others stop routing here at once.</summary>
    public void Withdraw()
    {
        lock (_publishGate)
        {
            _withdrawn = true;
        }

        _heartbeat.Change(Timeout.Infinite, Timeout.Infinite);
        _advertiser.Withdraw(_endpoint);
        Directory.Remove(_endpoint);
    }

    public void Dispose()
    {
        lock (_publishGate)
        {
            _withdrawn = true;
        }

        using (var stopped = new ManualResetEvent(false))
        {
            // Waits for a heartbeat that is running now, so the producer is not disposed under it.
            _heartbeat.Dispose(stopped);
            stopped.WaitOne();
        }

        _reader.Dispose();
        _advertiser.Dispose();
    }
}
