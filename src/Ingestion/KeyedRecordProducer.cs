using System.Text;
using Confluent.Kafka;
using RecoStreams.Streams.Kafka.Native;

namespace RecoStreams.Ingestion;

/// <summary>
/// The producer of the loaders: keys are UTF-8 strings partitioned with murmur2 (like Java clients, the
/// topology's own producers and the query router), values are already-encoded bytes, null a tombstone.
/// Delivery is asynchronous; <see cref="Flush"/> waits for every record and fails if any was lost.
/// </summary>
public sealed class KeyedRecordProducer : IDisposable
{
    private readonly IProducer<byte[], byte[]?> _producer;
    private readonly Action<DeliveryReport<byte[], byte[]?>> _onDelivery;
    private Error? _firstError;
    private long _delivered;

    private KeyedRecordProducer(IProducer<byte[], byte[]?> producer)
    {
        _producer = producer;
        _onDelivery = OnDelivery;
    }

    /// <summary>Records acknowledged by the brokers so far.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>An idempotent producer; command-line loaders check <see cref="BrokerReachability"/> first.</summary>
    public static KeyedRecordProducer Connect(string bootstrapServers, string clientId)
    {
        // This may be the process's first Confluent call: bind the packaged librdkafka before it (see LibrdkafkaLoader).
        LibrdkafkaLoader.EnsureLoaded();
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            ClientId = clientId,
            Acks = Acks.All,
            // Idempotence keeps a retried batch from duplicating or reordering records of one key.
            EnableIdempotence = true,
            Partitioner = Partitioner.Murmur2Random,
            LingerMs = 20,
        };
        return new KeyedRecordProducer(new ProducerBuilder<byte[], byte[]?>(config).Build());
    }

    public void Send(string topic, string key, byte[]? value)
    {
        var message = new Message<byte[], byte[]?> { Key = Encoding.UTF8.GetBytes(key), Value = value };
        while (true)
        {
            try
            {
                _producer.Produce(topic, message, _onDelivery);
                return;
            }
            catch (ProduceException<byte[], byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Back-pressure from a large file: let deliveries drain the local queue, then retry.
                _producer.Poll(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    /// <summary>Waits for every record sent so far; throws if any could not be delivered.</summary>
    public void Flush(TimeSpan timeout)
    {
        if (_producer.Flush(timeout) > 0)
        {
            throw new KafkaException(new Error(ErrorCode.Local_TimedOut, $"{_producer.Flush(TimeSpan.Zero)} records still undelivered after {timeout}."));
        }

        if (Interlocked.Exchange(ref _firstError, null) is { } error)
        {
            throw new KafkaException(error);
        }
    }

    public void Dispose() => _producer.Dispose();

    private void OnDelivery(DeliveryReport<byte[], byte[]?> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.CompareExchange(ref _firstError, report.Error, null);
        }
        else
        {
            Interlocked.Increment(ref _delivered);
        }
    }
}
