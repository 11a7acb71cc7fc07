using RecoStreams.Streams.Processor;

namespace RecoStreams.Topology.Wire;

/// <summary>
/// The header of recommendation-served records. The host sets it on the exposure of a list served outside any
/// experiment (whose request id says the same, see <c>RequestIds</c>), so attribution passes such exposures over at
/// its source, before deserializing, repartitioning or joining them: they count in no experiment. The record itself
/// is unchanged; other readers of the topic see every served list.
/// </summary>
public static class ServedHeaders
{
    /// <summary>Present (its value is empty) on the exposure of a list served outside any experiment.</summary>
    public const string OutsideExperiments = "reco-outside-experiments";

    /// <summary>Whether a record's headers mark it as the exposure of a list served outside any experiment.</summary>
    public static bool AreOutsideExperiments(RecordHeaders? headers) => headers?.LastValue(OutsideExperiments) is not null;
}
