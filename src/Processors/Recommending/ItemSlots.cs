namespace RecoStreams.Processors.Recommending;

/// <summary>
/// One list's values by item number (<see cref="ItemNumbering"/>): what a dictionary keyed by item id held, as two
/// arrays. Each slot carries the list it was set in, so starting the next list clears nothing; the arrays grow with the
/// numbering and are kept for the thread's next list.
/// </summary>
internal sealed class ItemSlots<T>
    where T : class
{
    private T?[] _values = new T?[1024];
    private int[] _lists = new int[1024];
    private int _list = 1;

    /// <summary>
    /// Starts the next list: every slot unknown again. <paramref name="renumbered"/> says the numbering started over,
    /// so a slot's list mark would name another id's value.
    /// </summary>
    public void Begin(bool renumbered)
    {
        if (renumbered || _list == int.MaxValue)
        {
            Array.Clear(_lists);
            _list = 0;
        }

        _list++;
    }

    /// <summary>
    /// The slot of <paramref name="number"/> in this list, set to null on first sight (when <paramref name="known"/> is
    /// false): as <see cref="System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault"/> answers for a dictionary.
    /// </summary>
    public ref T? Slot(int number, out bool known)
    {
        if (number >= _values.Length)
        {
            var size = Math.Max(number + 1, _values.Length * 2);
            Array.Resize(ref _values, size);
            Array.Resize(ref _lists, size);
        }

        known = _lists[number] == _list;
        if (!known)
        {
            _lists[number] = _list;
            _values[number] = null;
        }

        return ref _values[number];
    }
}
