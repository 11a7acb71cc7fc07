using Confluent.Kafka;
using RecoStreams.Avro.Registry;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Lifecycle;
using RecoStreams.Streams.Kafka.Consuming;
using RecoStreams.Streams.Serialization;
using RecoStreams.Topology;
using RecoStreams.Topology.Wire;

namespace RecoStreams.Training;

/// <summary>
/// Reads the engagement-events topic from its oldest kept record up to the end offsets taken at the start
/// (committed records only), keeping the events whose occurrence time lies in the requested range. Records
/// that do not decode are counted and passed over (the topology sent them to the dead-letter topic). At most
/// <see cref="ModelTrainingOptions.MaxEvents"/> events are kept: a longer history fails the job with a
/// clear error rather than exhaust the instance's memory.
/// </summary>
public sealed class EngagementHistoryReader(string bootstrapServers, ISchemaRegistryClient registry) : IEngagementHistorySource
{
    public string Name => RecoTopics.EngagementEvents;

    public Task<EngagementHistory> ReadAsync(DateTimeOffset? start, DateTimeOffset? end, int maxEvents, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult(Read(start, end, maxEvents, timeout, cancellationToken));

    public EngagementHistory Read(DateTimeOffset? start, DateTimeOffset? end, int maxEvents, TimeSpan timeout, CancellationToken cancellationToken)
    {
        const string topic = RecoTopics.EngagementEvents;
        var serde = InputSerdes.EngagementEvents(registry);
        var context = new SerdeContext(topic, IsKey: false);
        var events = new List<EngagementEvent>();
        int outOfRange = 0, undecodable = 0;

        // Events produced while the job reads are left for the next training: the range is fixed at the start.
        TopicReadToEnd.Read<Ignore>(
            bootstrapServers,
            "recostreams-model-training",
            topic,
            timeout,
            result =>
            {
                if (result.Message.Value is not { } value || !TryDecode(serde, value, context, out var e))
                {
                    undecodable++;
                    return;
                }

                if ((start is { } from && e.OccurredAt < from) || (end is { } to && e.OccurredAt >= to))
                {
                    outOfRange++;
                    return;
                }

                if (events.Count >= maxEvents)
                {
                    throw new InvalidOperationException(
                        $"The range holds more than {maxEvents} events (Models:MaxEvents); train on a shorter range or raise the limit.");
                }

                events.Add(e);
            },
            cancellationToken);
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
