using RecoStreams.Processors.Domain;
using RecoStreams.Streams.State;

namespace RecoStreams.Processors.Lifecycle;

/// <summary>
/// The serving version's trained neighbour lists, read from the models global table. A list lookup reads
/// the version at each call: a list built while an activation arrives may mix two versions, and is rebuilt
/// at once, as every recompute that sees the version change recomputes its users.
/// </summary>
public sealed class TrainedNeighbours(IReadOnlyKeyValueStore<string, ModelRecord> models, ActiveModel active)
{
    public string? VersionId => active.VersionId;

    public IReadOnlyList<Neighbour> Of(string itemId) =>
        active.VersionId is { } version && models.Get(ModelRecordKeys.Neighbours(version, itemId)) is ModelNeighboursRecord record
            ? record.Neighbours
            : [];
}
