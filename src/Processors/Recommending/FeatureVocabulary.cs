using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Recommending;

/// <summary>
/// One thread's content feature values (genres, creators, tags, languages) numbered 0, 1, 2, … as first met, and each
/// catalog item's features in that numbering, made once per item instance (the item read cache and the offline replay
/// share decoded items across lists) and kept by the item's number in the thread's <see cref="ItemNumbering"/>, so a
/// candidate's features are an array read, checked against the item instance they were made from. The content match of
/// a candidate then indexes arrays instead of hashing each of its feature strings. Bounded: past <see cref="Capacity"/>
/// values it forgets every number, between lists; it holds features for at most as many items as the item numbering numbers.
/// </summary>
internal sealed class FeatureVocabulary
{
    /// <summary>How many values are kept before the numbering starts over (a catalog's genres and creators are far fewer).</summary>
    internal const int Capacity = 1 << 16;

    private Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private CatalogItem?[] _items = new CatalogItem?[1024];
    private int[]?[] _features = new int[]?[1024];

    /// <summary>How many values have a number; every number is below it.</summary>
    public int Count => _ids.Count;

    /// <summary>The number of <paramref name="value"/>, given one when it has none.</summary>
    public int Id(string value)
    {
        if (!_ids.TryGetValue(value, out var id))
        {
            _ids.Add(value, id = _ids.Count);
        }

        return id;
    }

    /// <summary>The features of <paramref name="item"/>, numbered <paramref name="itemNumber"/> among items, in this numbering.</summary>
    public ItemFeatures Of(CatalogItem item, int itemNumber)
    {
        if (itemNumber < _items.Length && ReferenceEquals(_items[itemNumber], item))
        {
            return new ItemFeatures(_features[itemNumber]!);
        }

        if (itemNumber >= _items.Length)
        {
            var size = Math.Max(itemNumber + 1, _items.Length * 2);
            Array.Resize(ref _items, size);
            Array.Resize(ref _features, size);
        }

        // An item renumbered, or changed in the catalog (a new instance), or another item now holding the number: made afresh.
        var features = Number(item);
        (_items[itemNumber], _features[itemNumber]) = (item, features.Numbers);
        return features;
    }

    /// <summary>Forgets every number when more than <see cref="Capacity"/> were given; true when it did.</summary>
    public bool StartOverIfFull()
    {
        if (_ids.Count <= Capacity)
        {
            return false;
        }

        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        Array.Clear(_items);
        Array.Clear(_features);
        return true;
    }

    private ItemFeatures Number(CatalogItem item)
    {
        var (genres, creators, tags) = (item.Genres, item.Creators, item.Tags);
        var numbers = new int[ItemFeatures.Header + genres.Count + creators.Count + tags.Count];
        (numbers[1], numbers[2]) = (genres.Count, creators.Count);
        Ids(tags, numbers, Ids(creators, numbers, Ids(genres, numbers, ItemFeatures.Header)));
        numbers[0] = item.Language is { } language ? Id(language) : -1;
        return new ItemFeatures(numbers);
    }

    // Numbers values into numbers from index at; returns the index after them.
    private int Ids(IReadOnlyList<string> values, int[] numbers, int at)
    {
        for (var i = 0; i < values.Count; i++)
        {
            numbers[at++] = Id(values[i]);
        }

        return at;
    }
}

/// <summary>
/// An item's genres, creators and tags by their numbers, in the item's order, and its language's (-1 without one), in
/// one array: a candidate's match reads one object instead of one per feature kind.
/// </summary>
internal readonly struct ItemFeatures(int[] numbers)
{
    /// <summary>The language's number and the genre and creator counts come first.</summary>
    internal const int Header = 3;

    public int Language => numbers[0];

    public ReadOnlySpan<int> Genres => numbers.AsSpan(Header, numbers[1]);

    public ReadOnlySpan<int> Creators => numbers.AsSpan(Header + numbers[1], numbers[2]);

    public ReadOnlySpan<int> Tags => numbers.AsSpan(Header + numbers[1] + numbers[2]);

    internal int[] Numbers => numbers;
}
