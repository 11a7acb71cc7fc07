namespace RecoStreams.Avro.Contracts;

/// <summary>Kind of interaction; declared in the schema's symbol order (the value is the Avro ordinal).</summary>
public enum EventType
{
    /// <summary>The user opened the item's page.</summary>
    View,
    /// <summary>Explicit positive signal.</summary>
    Like,
    /// <summary>Explicit negative signal.</summary>
    Dislike,
    /// <summary>Explicit rating; see <see cref="EngagementEvent.Rating"/>.</summary>
    Rating,
    /// <summary>Consumption; see <see cref="EngagementEvent.WatchSeconds"/>.</summary>
    Watch,
    /// <summary>Added to a cart or list.</summary>
    AddToCart,
    /// <summary>Bought or rented.</summary>
    Purchase,
    /// <summary>Clicked from a list.</summary>
    Click,
    /// <summary>A symbol this reader does not know, or none given.</summary>
    Unknown,
}

/// <summary>One user interaction with one item (io.recostreams.events.EngagementEvent).</summary>
public sealed record EngagementEvent
{
    /// <summary>Producer-assigned unique id, used for de-duplication.</summary>
    public required Guid EventId { get; init; }

    /// <summary>The user; also the record key.</summary>
    public required string UserId { get; init; }

    /// <summary>The catalog item.</summary>
    public required string ItemId { get; init; }

    /// <summary>What the user did.</summary>
    public required EventType EventType { get; init; }

    /// <summary>Event time (millisecond precision on the wire).</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>0.5..5 for <see cref="EventType.Rating"/>.</summary>
    public double? Rating { get; init; }

    /// <summary>Seconds consumed, for <see cref="EventType.Watch"/>.</summary>
    public double? WatchSeconds { get; init; }

    /// <summary>Length of the item as the client saw it.</summary>
    public double? ItemDurationSeconds { get; init; }

    /// <summary>Client session, when known.</summary>
    public string? SessionId { get; init; }

    /// <summary>Free-form client context.</summary>
    public IReadOnlyDictionary<string, string> Context { get; init; } = EmptyContext;

    /// <summary>Producing system or surface.</summary>
    public string? Source { get; init; }

    private static readonly IReadOnlyDictionary<string, string> EmptyContext = new Dictionary<string, string>();
}
