using RecoStreams.Processors.Domain;
using RecoStreams.Streams.State;

namespace RecoStreams.Processors.Lifecycle;

/// <summary>
/// The serving version's trained neighbour lists, read from the models global table for one task's
/// recomputes (single-threaded, so the cache needs no locks). A version's lists never change once published
/// (ids are unique, and its artefact is on the topic before its activation), so decoded lists are kept until
/// the version changes, at most <paramref name="capacity"/> of them. A recompute <see cref="Pin"/>s the
/// serving version first, so a list never mixes two versions or names one it was not built with; one that
/// an activation overtook is rebuilt at the next punctuation, which sees the version change.
/// </summary>
public sealed class TrainedNeighbours(IReadOnlyKeyValueStore<string, ModelRecord> models, ActiveModel active, int capacity)
{
    private readonly Dictionary<string, IReadOnlyList<Neighbour>> _cache = new(StringComparer.Ordinal);
    private string? _cachedVersion;
    private string? _pinned;

    /// <summary>The version pinned for the list being built; null when none serves.</summary>
    public string? VersionId => _pinned;

    /// <summary>Takes the serving version for the next list.</summary>
    public void Pin() => _pinned = active.VersionId;

    public IReadOnlyList<Neighbour> Of(string itemId)
    {
        if (_pinned is not { } version)
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
