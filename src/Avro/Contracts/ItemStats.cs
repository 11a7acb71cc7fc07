namespace RecoStreams.Avro.Contracts;

/// <summary>Weighted popularity of an item in one window (io.recostreams.events.WindowScore).</summary>
/// <param name="Window">Window size label, e.g. 1h or 24h.</param>
/// <param name="WindowStart">Inclusive start.</param>
/// <param name="WindowEnd">Exclusive end.</param>
/// <param name="Score">Sum of event-type weights.</param>
/// <param name="EventCount">Events counted.</param>
public sealed record WindowScore(string Window, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, double Score, long EventCount);

/// <summary>An item often engaged with by the same users (io.recostreams.events.Neighbour).</summary>
/// <param name="ItemId">The neighbouring item.</param>
/// <param name="Similarity">Normalised similarity in [0, 1].</param>
/// <param name="CoCount">Decayed co-visitation count.</param>
public sealed record Neighbour(string ItemId, double Similarity, double CoCount);

/// <summary>Aggregated signals for one item (io.recostreams.events.ItemStats).</summary>
public sealed record ItemStats
{
    /// <summary>The item; also the record key.</summary>
    public required string ItemId { get; init; }

    /// <summary>When these statistics were published.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Popularity per window size.</summary>
    public IReadOnlyList<WindowScore> Popularity { get; init; } = [];

    /// <summary>Top-K neighbours, most similar first.</summary>
    public IReadOnlyList<Neighbour> Neighbours { get; init; } = [];

    /// <summary>Genres copied from the catalog.</summary>
    public IReadOnlyList<string> Genres { get; init; } = [];
}
