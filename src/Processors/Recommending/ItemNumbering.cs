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
        return true;
    }

    private NumberedNeighbours NumberNeighbours(IReadOnlyList<Neighbour> neighbours)
    {
        var (numbers, similarities) = (new int[neighbours.Count], new double[neighbours.Count]);
        for (var i = 0; i < numbers.Length; i++)
        {
            (numbers[i], similarities[i]) = (Number(neighbours[i].ItemId), neighbours[i].Similarity);
        }

        return new NumberedNeighbours(numbers, similarities);
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
