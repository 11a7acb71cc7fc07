using System.Runtime.CompilerServices;
using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Recommending;

/// <summary>
/// One thread's item ids numbered 0, 1, 2, … as candidate generation first meets them, and the neighbour and facet
/// lists it reads in that numbering, made once per list instance (the item read cache, the offline replay, the trained
/// model's inputs and the trending index hand the same decoded lists to list after list). A list's candidate table is
/// then indexed by number (<see cref="ItemSlots{T}"/>) instead of hashing each of the couple of thousand ids it meets.
/// The numbers belong to this thread and this process only and are never stored or sent: another thread, a restart or
/// another instance numbers differently. Bounded: past its capacity it forgets every number, between two lists, and
/// numbers ids again as it meets them. It numbers item ids only (neighbours, facet items, and a user's seen and disliked
/// items, which are marked excluded by number), so what it holds grows with the catalog, not with the users; a catalog
/// whose items met by lists outgrow the capacity makes it start over now and then, each list after that numbering its
/// lists afresh (a hash per entry, what every list paid before numbers).
/// </summary>
internal sealed class ItemNumbering
{
    private readonly List<string> _ids = [];
    private readonly ConditionalWeakTable<IReadOnlyList<Neighbour>, NumberedNeighbours>.CreateValueCallback _numberNeighbours;
    private readonly ConditionalWeakTable<IReadOnlyList<string>, int[]>.CreateValueCallback _numberIds;
    private Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private ConditionalWeakTable<IReadOnlyList<Neighbour>, NumberedNeighbours> _neighbourLists = [];
    private ConditionalWeakTable<IReadOnlyList<string>, int[]> _idLists = [];

    // By owner item number: its co-visitation neighbours as last numbered, to number its next list from.
    private NumberedNeighbours?[] _previousLists = new NumberedNeighbours?[1024];

    public ItemNumbering() => (_numberNeighbours, _numberIds) = (NumberNeighbours, NumberIds);

    /// <summary>How many ids have a number; every number is below it.</summary>
    public int Count => _ids.Count;

    /// <summary>The number of <paramref name="itemId"/>, given one when it has none.</summary>
    public int Number(string itemId)
    {
        if (!_numbers.TryGetValue(itemId, out var number))
        {
            _numbers.Add(itemId, number = _ids.Count);
            _ids.Add(itemId);
        }

        return number;
    }

    /// <summary>The number of <paramref name="itemId"/> when it has one.</summary>
    public bool TryNumberOf(string itemId, out int number) => _numbers.TryGetValue(itemId, out number);

    /// <summary>The id numbered <paramref name="number"/>.</summary>
    public string IdOf(int number) => _ids[number];

    /// <summary><paramref name="neighbours"/> in this numbering, in the list's order.</summary>
    public NumberedNeighbours Of(IReadOnlyList<Neighbour> neighbours) => _neighbourLists.GetValue(neighbours, _numberNeighbours);

    /// <summary>
    /// The co-visitation neighbours of the item <paramref name="ownerId"/> in this numbering. A list not numbered yet is
    /// numbered from the owner's previous list where its ids stand at or next to the same place: a publication makes a
    /// new list of nearly the same ids in nearly the same order, and each id found there needs no hash.
    /// </summary>
    public NumberedNeighbours Of(string ownerId, IReadOnlyList<Neighbour> neighbours)
    {
        if (_neighbourLists.TryGetValue(neighbours, out var numbered))
        {
            return numbered;
        }

        var owner = Number(ownerId);
        if (owner >= _previousLists.Length)
        {
            Array.Resize(ref _previousLists, Math.Max(owner + 1, _previousLists.Length * 2));
        }

        numbered = Numbered(neighbours, _previousLists[owner]?.Numbers);
        _neighbourLists.AddOrUpdate(neighbours, numbered);
        return _previousLists[owner] = numbered;
    }

    /// <summary>The numbers of <paramref name="itemIds"/>, in the list's order.</summary>
    public int[] Of(IReadOnlyList<string> itemIds) => _idLists.GetValue(itemIds, _numberIds);

    /// <summary>Forgets every number when more than <paramref name="capacity"/> were given; true when it did.</summary>
    public bool StartOverIfFull(int capacity)
    {
        if (_ids.Count <= capacity)
        {
            return false;
        }

        _ids.Clear();
        (_numbers, _neighbourLists, _idLists) = (new Dictionary<string, int>(StringComparer.Ordinal), [], []);
        Array.Clear(_previousLists);
        return true;
    }

    private NumberedNeighbours NumberNeighbours(IReadOnlyList<Neighbour> neighbours) => Numbered(neighbours, null);

    private NumberedNeighbours Numbered(IReadOnlyList<Neighbour> neighbours, int[]? previous)
    {
        var (numbers, similarities) = (new int[neighbours.Count], new double[neighbours.Count]);
        for (var i = 0; i < numbers.Length; i++)
        {
            var id = neighbours[i].ItemId;
            numbers[i] = previous is not null && NumberNear(previous, i, id) is var near and >= 0 ? near : Number(id);
            similarities[i] = neighbours[i].Similarity;
        }

        return new NumberedNeighbours(numbers, similarities);
    }

    // The number of itemId when the previous list holds it at index i or next to it (one neighbour moved past it), else -1.
    private int NumberNear(int[] previous, int i, string itemId)
    {
        for (var j = Math.Max(i - 1, 0); j <= i + 1 && j < previous.Length; j++)
        {
            if (string.Equals(_ids[previous[j]], itemId, StringComparison.Ordinal))
            {
                return previous[j];
            }
        }

        return -1;
    }

    private int[] NumberIds(IReadOnlyList<string> itemIds)
    {
        var numbers = new int[itemIds.Count];
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = Number(itemIds[i]);
        }

        return numbers;
    }
}

/// <summary>
/// A neighbour list by item number: the numbers and the similarities, each side by side in one array (the decoded list's
/// neighbours are an object each, which a list's 1,500 reads chased across the heap).
/// </summary>
internal sealed record NumberedNeighbours(int[] Numbers, double[] Similarities);
