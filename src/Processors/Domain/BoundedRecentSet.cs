namespace RecoStreams.Processors.Domain;

/// <summary>
/// A set of ids that remembers insertion order and forgets the oldest id once it holds
/// <see cref="Capacity"/> ids. Re-adding an id moves it to the newest end.
/// </summary>
public sealed class BoundedRecentSet
{
    private readonly LinkedList<string> _order = new();
    private readonly Dictionary<string, LinkedListNode<string>> _nodes = new(StringComparer.Ordinal);

    public BoundedRecentSet(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count => _nodes.Count;

    /// <summary>Oldest first.</summary>
    public IEnumerable<string> Items => _order;

    /// <summary>The ids oldest first, without boxing an enumerator (<see cref="Items"/> does): read once per recompute.</summary>
    public LinkedList<string>.Enumerator GetEnumerator() => _order.GetEnumerator();

    public bool Contains(string id) => _nodes.ContainsKey(id);

    /// <summary>Adds or refreshes <paramref name="id"/>; returns the id evicted to make room, if any.</summary>
    public string? Add(string id)
    {
        if (_nodes.TryGetValue(id, out var existing))
        {
            _order.Remove(existing);
            _order.AddLast(existing);
            return null;
        }

        _nodes[id] = _order.AddLast(id);
        if (_nodes.Count <= Capacity)
        {
            return null;
        }

        var oldest = _order.First!.Value;
        _order.RemoveFirst();
        _nodes.Remove(oldest);
        return oldest;
    }

    public bool Remove(string id)
    {
        if (!_nodes.Remove(id, out var node))
        {
            return false;
        }

        _order.Remove(node);
        return true;
    }
}
