namespace RecoStreams.Processors.Recommending;

/// <summary>
/// One thread's answers by item number (<see cref="ItemNumbering"/>) kept from list to list while their source says
/// nothing changed: the source is an object and a version that moves on every change of its answers (the item read
/// cache's catalog version, the trending index's). A list that starts with another source, a moved version or a numbering
/// that started over forgets every answer (a mark per slot, so forgetting clears nothing). Bounded by the numbering: one
/// slot per number, and the numbering starts over past <see cref="Options.RecommenderOptions.ItemReadCacheCapacity"/>.
/// </summary>
internal sealed class ItemFront<T>
{
    private T[] _values = new T[1024];
    private int[] _marks = new int[1024];
    private int _mark = 1;
    private object? _source;
    private long _version;

    /// <summary>Whether this list may keep and read answers (a source was given).</summary>
    public bool Enabled => _source is not null;

    /// <summary>The version the kept answers hold for.</summary>
    public long Version => _version;

    /// <summary>
    /// Starts a list reading from <paramref name="source"/> at <paramref name="version"/> (read before any answer of the
    /// list); null keeps nothing. Answers kept under another source or version, or before the numbering started over, are forgotten.
    /// </summary>
    public void Begin(object? source, long version, bool renumbered)
    {
        if (renumbered || !ReferenceEquals(source, _source) || version != _version)
        {
            Forget();
        }

        (_source, _version) = (source, version);
    }

    /// <summary>
    /// Whether the answers kept hold for <paramref name="source"/>, so a caller that knows which items changed since
    /// <see cref="Version"/> may <see cref="Forget(int)"/> those and <see cref="CatchUp"/> instead of forgetting all.
    /// </summary>
    public bool Follows(object source) => ReferenceEquals(source, _source);

    /// <summary>Moves the kept answers to <paramref name="version"/>: the caller forgot every item that changed since <see cref="Version"/>.</summary>
    public void CatchUp(long version) => _version = version;

    /// <summary>Forgets the answer kept for <paramref name="number"/>, if any.</summary>
    public void Forget(int number)
    {
        if (number < _marks.Length)
        {
            _marks[number] = 0;
        }
    }

    /// <summary>Forgets every kept answer.</summary>
    public void Forget()
    {
        if (_mark == int.MaxValue)
        {
            Array.Clear(_marks);
            _mark = 0;
        }

        _mark++;
    }

    public bool TryGet(int number, out T value)
    {
        if (number < _marks.Length && _marks[number] == _mark)
        {
            value = _values[number];
            return true;
        }

        value = default!;
        return false;
    }

    public void Keep(int number, T value)
    {
        if (number >= _values.Length)
        {
            var size = Math.Max(number + 1, _values.Length * 2);
            Array.Resize(ref _values, size);
            Array.Resize(ref _marks, size);
        }

        (_values[number], _marks[number]) = (value, _mark);
    }
}
