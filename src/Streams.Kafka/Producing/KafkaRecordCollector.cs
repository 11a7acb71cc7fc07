using Confluent.Kafka;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.Runtime;

namespace RecoStreams.Streams.Kafka.Producing;

/// <summary>
/// Sends a task's output through a Kafka producer and tracks, from delivery reports, the last acknowledged
/// offset per partition (the changelog offsets a checkpoint may record). The first failed delivery is
/// sticky: every later Send or Flush throws it, because committing offsets after a lost write would
/// silently drop data.
/// </summary>
public sealed class KafkaRecordCollector : IRecordCollector
{
    private static readonly TimeSpan QueueFullBackoff = TimeSpan.FromMilliseconds(50);

    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly TimeSpan _flushTimeout;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Topic, int Partition), long> _acknowledged = [];
    private readonly Action<DeliveryReport<byte[]?, byte[]?>> _onDelivery;
    private RecordDeliveryException? _failure;

    /// <param name="producer">Not owned: one producer may serve several collectors (at-least-once) or one task (exactly-once).</param>
    /// <param name="deliveryTimeout">The producer's message.timeout.ms: after it every record has a report, so Flush waits a little longer and no more.</param>
    public KafkaRecordCollector(IProducer<byte[]?, byte[]?> producer, TimeSpan deliveryTimeout)
    {
        _producer = producer;
        _flushTimeout = deliveryTimeout + TimeSpan.FromSeconds(5);
        _onDelivery = OnDelivery;
    }

    public IReadOnlyDictionary<(string Topic, int Partition), long> AcknowledgedOffsets
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<(string Topic, int Partition), long>(_acknowledged);
            }
        }
    }

    public void Send(string topic, byte[]? key, byte[]? value, RecordHeaders? headers, long timestamp, int? partition)
    {
        ThrowIfFailed();
        var message = new Message<byte[]?, byte[]?>
        {
            Key = key,
            Value = value,
            Timestamp = new Timestamp(timestamp, TimestampType.CreateTime),
            Headers = ToKafkaHeaders(headers),
        };
        var target = new TopicPartition(topic, partition is { } p ? new Partition(p) : Partition.Any);

        while (true)
        {
            try
            {
                _producer.Produce(target, message, _onDelivery);
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Back-pressure: the local queue drains as the broker acknowledges; serving delivery reports frees room.
                _producer.Poll(QueueFullBackoff);
            }
        }
    }

    public void Flush()
    {
        var deadline = DateTime.UtcNow + _flushTimeout;
        while (_producer.Flush(TimeSpan.FromMilliseconds(200)) > 0)
        {
            ThrowIfFailed();
            if (DateTime.UtcNow > deadline)
            {
                throw new RecordDeliveryException($"Records were still unacknowledged after {_flushTimeout.TotalSeconds:0} s.");
            }
        }

        ThrowIfFailed();
    }

    private void OnDelivery(DeliveryReport<byte[]?, byte[]?> report)
    {
        lock (_gate)
        {
            if (report.Error.IsError)
            {
                _failure ??= new RecordDeliveryException(
                    $"Sending to {report.Topic}[{report.Partition.Value}] failed: {report.Error.Code} {report.Error.Reason}",
                    new KafkaException(report.Error));
                return;
            }

            var key = (report.Topic, report.Partition.Value);
            if (!_acknowledged.TryGetValue(key, out var previous) || previous < report.Offset.Value)
            {
                _acknowledged[key] = report.Offset.Value;
            }
        }
    }

    private void ThrowIfFailed()
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                throw _failure;
            }
        }
    }

    private static Headers? ToKafkaHeaders(RecordHeaders? headers)
    {
        if (headers is null || headers.Count == 0)
        {
            return null;
        }

        var kafkaHeaders = new Headers();
        foreach (var (key, value) in headers)
        {
            kafkaHeaders.Add(key, value);
        }

        return kafkaHeaders;
    }
}
