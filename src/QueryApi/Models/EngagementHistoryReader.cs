using Confluent.Kafka;
using RecoStreams.Avro.Registry;
using RecoStreams.Processors.Domain;
using RecoStreams.Streams.Serialization;
using RecoStreams.Topology;
using RecoStreams.Topology.Wire;

namespace RecoStreams.QueryApi.Models;

/// <summary>What a training job learned from: the events in range and how many records it passed over.</summary>
public sealed record EngagementHistory(IReadOnlyList<EngagementEvent> Events, int OutOfRange, int Undecodable);

/// <summary>
/// Reads the engagement-events topic from its oldest kept record up to the end offsets taken at the start,
/// keeping the events whose occurrence time lies in the requested range. Records that do not decode are
/// counted and passed over (the topology sent them to the dead-letter topic). At most
/// <see cref="ModelTrainingOptions.MaxEvents"/> events are kept: a longer history fails the job with a
/// clear error rather than exhaust the instance's memory.
/// </summary>
public sealed class EngagementHistoryReader(string bootstrapServers, ISchemaRegistryClient registry)
{
    public EngagementHistory Read(DateTimeOffset? start, DateTimeOffset? end, int maxEvents, TimeSpan timeout, CancellationToken cancellationToken)
    {
        const string topic = RecoTopics.EngagementEvents;
        var serde = InputSerdes.EngagementEvents(registry);
        var context = new SerdeContext(topic, IsKey: false);
        using var consumer = new ConsumerBuilder<Ignore, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "recostreams-model-training",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
        }).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var metadata = admin.GetMetadata(topic, timeout).Topics.SingleOrDefault(t => t.Topic == topic);
        if (metadata is null || metadata.Error.IsError || metadata.Partitions.Count == 0)
        {
            throw new InvalidOperationException($"Topic {topic} is not readable: {metadata?.Error.Reason ?? "not found"}.");
        }

        // Events produced while the job reads are left for the next training: the range is fixed at the start.
        var ends = new Dictionary<int, long>();
        foreach (var partition in metadata.Partitions)
        {
            var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition.PartitionId), timeout);
            if (watermarks.High > watermarks.Low)
            {
                ends[partition.PartitionId] = watermarks.High.Value;
            }
        }

        var events = new List<EngagementEvent>();
        int outOfRange = 0, undecodable = 0;
        if (ends.Count == 0)
        {
            return new EngagementHistory(events, 0, 0);
        }

        consumer.Assign(ends.Keys.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var remaining = new HashSet<int>(ends.Keys);
        var deadline = DateTime.UtcNow + timeout;
        while (remaining.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Reading {topic} did not reach its end offsets within {timeout.TotalSeconds:F0} s.");
            }

            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result?.Message is not { } message)
            {
                continue;
            }

            if (result.Offset.Value + 1 >= ends[result.Partition.Value])
            {
                remaining.Remove(result.Partition.Value);
            }

            if (message.Value is null || !TryDecode(serde, message.Value, context, out var e))
            {
                undecodable++;
                continue;
            }

            if ((start is { } from && e.OccurredAt < from) || (end is { } to && e.OccurredAt >= to))
            {
                outOfRange++;
                continue;
            }

            if (events.Count >= maxEvents)
            {
                throw new InvalidOperationException(
                    $"The range holds more than {maxEvents} events (Models:MaxEvents); train on a shorter range or raise the limit.");
            }

            events.Add(e);
        }

        return new EngagementHistory(events, outOfRange, undecodable);
    }

    private static bool TryDecode(ISerde<EngagementEvent> serde, byte[] value, in SerdeContext context, out EngagementEvent e)
    {
        try
        {
            e = serde.Deserialize(value, context);
            return true;
        }
        catch (Exception ex) when (ex is SerializationException or Avro.AvroException or FormatException or ArgumentException)
        {
            e = null!;
            return false;
        }
    }
}
