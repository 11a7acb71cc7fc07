namespace RecoStreams.Avro.Contracts;

/// <summary>Current description of one recommendable item (io.recostreams.events.CatalogItem).</summary>
public sealed record CatalogItem
{
    /// <summary>Stable id; also the record key.</summary>
    public required string ItemId { get; init; }

    /// <summary>Human-readable title.</summary>
    public required string Title { get; init; }

    /// <summary>Genres.</summary>
    public IReadOnlyList<string> Genres { get; init; } = [];

    /// <summary>Authors, directors and other creators.</summary>
    public IReadOnlyList<string> Creators { get; init; } = [];

    /// <summary>BCP 47 language tag, when known.</summary>
    public string? Language { get; init; }

    /// <summary>Editorial or user tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Length in seconds, when the item has one.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>False while the item must not be recommended.</summary>
    public bool Available { get; init; } = true;

    /// <summary>First publication, when known (millisecond precision on the wire).</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>When this description last changed; later wins.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Source attributes carried but not interpreted.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = EmptyAttributes;

    private static readonly IReadOnlyDictionary<string, string> EmptyAttributes = new Dictionary<string, string>();
}
