using Confluent.Kafka;
using RecoStreams.Streams.Kafka.Clients;
using RecoStreams.Streams.Kafka.Producing;
using RecoStreams.Streams.Processor;

namespace RecoStreams.Streams.Kafka.Processing;

/// <summary>
/// Where one task's output goes. At-least-once: a collector over the thread's shared producer.
/// Exactly-once: a transactional producer of the task's own (transactional.id = {applicationId}-{taskId},
/// which fences a zombie instance of the same task), always inside an open transaction, so everything
/// the task sends between two commits becomes visible atomically with its input offsets.
/// </summary>
internal sealed class TaskProducer : IDisposable
{
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly bool _ownsProducer;
    private readonly TimeSpan _timeout;

    private TaskProducer(IProducer<byte[]?, byte[]?> producer, bool transactional, TimeSpan deliveryTimeout)
    {
        _producer = producer;
        _ownsProducer = transactional;
        IsTransactional = transactional;
        _timeout = deliveryTimeout;
        Collector = new KafkaRecordCollector(producer, deliveryTimeout);
    }

    public KafkaRecordCollector Collector { get; }

    public bool IsTransactional { get; }

    public static TaskProducer Shared(IProducer<byte[]?, byte[]?> threadProducer, KafkaClientOptions options) =>
        new(threadProducer, transactional: false, options.DeliveryTimeout);

    /// <summary>Creates the task's producer, fences older incarnations and opens the first transaction.</summary>
    public static TaskProducer ForTask(KafkaClientOptions options, TaskId taskId)
    {
        var transactionalId = $"{options.ApplicationId}-{taskId}";
        var producer = new ProducerBuilder<byte[]?, byte[]?>(KafkaClientConfigs.Producer(options, transactionalId, transactionalId)).WithClientLog(options).Build();
        try
        {
            producer.InitTransactions(options.DeliveryTimeout);
            producer.BeginTransaction();
        }
        catch
        {
            producer.Dispose();
            throw;
        }

        return new TaskProducer(producer, transactional: true, options.DeliveryTimeout);
    }

    /// <summary>
    /// Exactly-once commit: the consumed offsets join the transaction (with the group's metadata so the
    /// broker can fence a consumer that lost the partitions), the transaction commits, a new one opens.
    /// </summary>
    public void CommitTransaction(IReadOnlyDictionary<(string Topic, int Partition), long> nextOffsets, IConsumerGroupMetadata groupMetadata)
    {
        if (nextOffsets.Count > 0)
        {
            _producer.SendOffsetsToTransaction(
                nextOffsets.Select(o => new TopicPartitionOffset(o.Key.Topic, o.Key.Partition, o.Value)),
                groupMetadata,
                _timeout);
        }

        _producer.CommitTransaction(_timeout);
        _producer.BeginTransaction();
    }

    /// <summary>Discards everything sent since the last commit; the task's state must then be rebuilt.</summary>
    public void AbortTransaction() => _producer.AbortTransaction(_timeout);

    public void Dispose()
    {
        if (_ownsProducer)
        {
            _producer.Dispose();
        }
    }
}
