using RecoStreams.Processors.Domain;
using RecoStreams.Streams.State;

namespace RecoStreams.Processors.Lifecycle;

/// <summary>
/// The serving version's trained neighbour lists, read from the models global table for one task's
/// recomputes (single-threaded, so the cache needs no locks). A version's lists never change once published
/// (ids are unique, and its artefact is on the topic before its activation), so decoded lists are kept until
/// the version changes, at most <paramref name="capacity"/> of them. The version is read at each call: a list
/// built while an activation arrives may mix two versions, and is rebuilt at once, as every recompute that
/// sees the version change recomputes its users.
/// </summary>
public sealed class TrainedNeighbours(IReadOnlyKeyValueStore<string, ModelRecord> models, ActiveModel active, int capacity)
{
    private readonly Dictionary<string, IReadOnlyList<Neighbour>> _cache = new(StringComparer.Ordinal);
    private string? _cachedVersion;

    public string? VersionId => active.VersionId;

    public IReadOnlyList<Neighbour> Of(string itemId)
    {
        if (active.VersionId is not { } version)
        {
            return [];
        }

        if (!string.Equals(version, _cachedVersion, StringComparison.Ordinal) || _cache.Count >= capacity)
        {
            _cache.Clear();
            _cachedVersion = version;
        }

        if (!_cache.TryGetValue(itemId, out var neighbours))
        {
            neighbours = models.Get(ModelRecordKeys.Neighbours(version, itemId)) is ModelNeighboursRecord record ? record.Neighbours : [];
            _cache[itemId] = neighbours;
        }

        return neighbours;
    }
}
