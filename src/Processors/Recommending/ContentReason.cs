using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Recommending;

/// <summary>
/// Why an item matches a profile: a favourite creator or genre, named by its position in the item's list. Kept as the
/// position and worded only for the items that make the list, since every candidate is matched.
/// </summary>
internal readonly record struct ContentReason(CatalogItem Item, int Index, bool IsCreator)
{
    /// <summary>The creator or genre the reason names.</summary>
    public string Subject => IsCreator ? Item.Creators[Index] : Item.Genres[Index];

    public string Text => IsCreator ? $"by {Subject}, a creator you enjoy" : $"because you like {Subject}";
}
