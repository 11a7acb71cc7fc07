namespace RecoStreams.Processors.Domain;

/// <summary>
/// What a user did with an item. <see cref="Unknown"/> is zero on purpose: a contract mapper that meets a
/// symbol it does not know maps it here, and validation rejects it instead of guessing.
/// </summary>
public enum EventType
{
    Unknown = 0,
    View,
    Click,
    Like,
    Dislike,
    Rating,
    Watch,
    AddToCart,
    Purchase,
}
