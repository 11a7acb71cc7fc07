using RecoStreams.Avro.WireFormat;
using RecoStreams.Processors.Experiments;
using RecoStreams.Streams.Runtime;

namespace RecoStreams.Topology.Wire;

/// <summary>
/// Tells, from a recommendation-served record's raw value, that it is the exposure of a list served outside any
/// experiment: its request id says so (version 8, see <see cref="RequestIds"/>), and RecommendationServed writes the
/// request id first, so after the Confluent framing (magic byte, schema id) come its length (36, one zig-zag byte) and
/// its 36 characters. Attribution passes such exposures over at its source, before deserializing, repartitioning or
/// joining them: they count in no experiment. The producer marks nothing (a header costs Confluent a native header
/// list per message on both ends); records written with the former <c>reco-outside-experiments</c> header carry the
/// same request ids. A value in any other layout is not passed over: it is deserialized and counts in no experiment
/// as before, only later.
/// </summary>
public static class ServedRecords
{
    private const int RequestIdLength = 36;
    private const byte RequestIdLengthZigZag = RequestIdLength * 2;
    private const int RequestIdStart = ConfluentWireFormat.HeaderLength + 1;

    /// <summary>Whether a consumed recommendation-served record is the exposure of a list served outside any experiment.</summary>
    public static bool IsOutsideExperiments(ConsumedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Value is { } value && IsOutsideExperiments(value);
    }

    /// <summary>The same for an encoded RecommendationServed value (Confluent wire format).</summary>
    public static bool IsOutsideExperiments(ReadOnlySpan<byte> value) =>
        value.Length >= RequestIdStart + RequestIdLength
        && value[0] == ConfluentWireFormat.MagicByte
        && value[ConfluentWireFormat.HeaderLength] == RequestIdLengthZigZag
        && RequestIds.IsOutsideExperiments(value.Slice(RequestIdStart, RequestIdLength));
}
