using Confluent.Kafka;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry;
using RecoStreams.Avro.WireFormat;
using RecoStreams.Topology;

namespace RecoStreams.Bench.Topology;

/// <summary>
/// Freshness from event to recommendation-updated. Each produced event waits in its user's queue; when an
/// update for that user arrives whose generated_at is at or after the event's timestamp, every waiting
/// event of the user up to generated_at gets a sample: arrival time minus event timestamp. An event whose
/// user's list did not change gets no sample (the topology emits only changes); those are counted apart.
/// </summary>
internal sealed class FreshnessProbe : IDisposable
{
    private readonly IConsumer<string, byte[]> _consumer;
    private readonly ConfluentAvroDeserializer<RecommendationUpdated> _deserializer;
    private readonly Dictionary<string, Queue<long>> _waiting = new(StringComparer.Ordinal);
    private readonly List<double> _samplesMs = [];
    private readonly Lock _gate = new();

    public FreshnessProbe(string bootstrapServers, int partitions, ISchemaRegistryClient registry)
    {
        _deserializer = new ConfluentAvroDeserializer<RecommendationUpdated>(RecommendationUpdatedContract.Instance, registry);
        _consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "freshness-probe-" + Guid.NewGuid(),
            FetchWaitMaxMs = 10,
        }).Build();

        // From the current end: only updates caused by the events this probe sees produced.
        _consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(RecoTopics.RecommendationUpdated, p, Offset.End)));
    }

    public int Samples
    {
        get
        {
            lock (_gate)
            {
                return _samplesMs.Count;
            }
        }
    }

    public void Produced(string userId, long eventMs)
    {
        lock (_gate)
        {
            if (!_waiting.TryGetValue(userId, out var queue))
            {
                _waiting[userId] = queue = new Queue<long>();
            }

            queue.Enqueue(eventMs);
        }
    }

    /// <summary>Reads updates until <paramref name="until"/>; call from one thread.</summary>
    public void ConsumeUntil(DateTime until)
    {
        while (DateTime.UtcNow < until)
        {
            var result = _consumer.Consume(TimeSpan.FromMilliseconds(50));
            if (result?.Message?.Value is not { } value)
            {
                continue;
            }

            var arrivedMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var update = _deserializer.Deserialize(value);
            var generatedMs = update.GeneratedAt.ToUnixTimeMilliseconds();
            lock (_gate)
            {
                if (!_waiting.TryGetValue(update.UserId, out var queue))
                {
                    continue;
                }

                while (queue.Count > 0 && queue.Peek() <= generatedMs)
                {
                    _samplesMs.Add(arrivedMs - queue.Dequeue());
                }
            }
        }
    }

    public (double P50, double P99, int Samples, int Unanswered) Summary()
    {
        lock (_gate)
        {
            var sorted = _samplesMs.Order().ToList();
            var unanswered = _waiting.Values.Sum(q => q.Count);
            return sorted.Count == 0
                ? (double.NaN, double.NaN, 0, unanswered)
                : (Percentiles.NearestRank(sorted, 0.50), Percentiles.NearestRank(sorted, 0.99), sorted.Count, unanswered);
        }
    }

    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }
}
