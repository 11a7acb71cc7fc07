using Confluent.Kafka;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.Runtime;

namespace RecoStreams.Streams.Kafka.Consuming;

/// <summary>Converts the Kafka client's records into the runtime's client-independent ones.</summary>
internal static class ConsumedRecords
{
    public static ConsumedRecord From(ConsumeResult<byte[]?, byte[]?> result) =>
        new(
            result.Topic,
            result.Partition.Value,
            result.Offset.Value,
            result.Message.Timestamp.UnixTimestampMs,
            result.Message.Key,
            result.Message.Value,
            ToRecordHeaders(result.Message.Headers));

    private static RecordHeaders? ToRecordHeaders(Headers? headers)
    {
        if (headers is null || headers.Count == 0)
        {
            return null;
        }

        var converted = new RecordHeaders();
        foreach (var header in headers)
        {
            converted.Add(header.Key, header.GetValueBytes() ?? []);
        }

        return converted;
    }
}
