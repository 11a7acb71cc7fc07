namespace RecoStreams.Processors.Domain;

/// <summary>Popularity of an item inside one hopping window [StartMs, StartMs + SizeMs).</summary>
public sealed record WindowedPopularity(long SizeMs, long StartMs, double Score, long Events);

/// <summary>A co-visited item and its normalised similarity (see <c>CoVisitationSimilarity</c>).</summary>
public sealed record Neighbour(string ItemId, double Similarity, double CoCount);

/// <summary>
/// What the by-item subtopology publishes per item (read everywhere as a global table).
/// </summary>
/// <param name="DecayedPopularity">Weighted engagement decayed to <paramref name="UpdatedAtMs"/>.</param>
/// <param name="DecayedCount">Decayed number of positive engagements (n_i of the cosine normalisation).</param>
/// <param name="Neighbours">Top-K co-visited items, most similar first.</param>
public sealed record ItemStats(
    string ItemId,
    long UpdatedAtMs,
    IReadOnlyList<WindowedPopularity> Windows,
    double DecayedPopularity,
    double DecayedCount,
    IReadOnlyList<Neighbour> Neighbours,
    IReadOnlyList<string> Genres);
