namespace RecoStreams.Processors.Domain;

/// <summary>
/// An item of the catalog (a movie, a book, a product). Creators are directors, authors or brands:
/// whatever the product caps per list. <see cref="Available"/> false keeps the item known (for
/// explanations and history) but never recommended.
/// </summary>
public sealed record CatalogItem(
    string ItemId,
    string Title,
    IReadOnlyList<string> Genres,
    IReadOnlyList<string> Creators,
    string? Language,
    IReadOnlyList<string> Tags,
    double? DurationSeconds,
    bool Available,
    DateTimeOffset UpdatedAt);
