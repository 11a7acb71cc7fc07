namespace RecoStreams.Processors.Recommending;

/// <summary>
/// The re-rank pool: the best <c>size</c> candidates, best score first, ties by item id (a total order, as item ids are
/// unique among candidates), handed out one at a time. MMR stops each step at the first candidate whose relevance alone
/// falls below the best value found, so it reads only the head of a pool of 200 taken from a thousand candidates or
/// more; a binary heap over every candidate (built in linear time) gives that head in order without selecting and
/// sorting the whole pool. One per thread (<see cref="For"/>); valid until the thread asks for the next pool.
/// </summary>
internal sealed class RankedPool
{
    [ThreadStatic]
    private static RankedPool? t_pool;

    private Candidate[] _candidates = new Candidate[1024];
    private double[] _scores = new double[1024];
    private int[] _heap = new int[1024];
    private Candidate[] _ordered = new Candidate[256];
    private int _heapCount;

    /// <summary>How many candidates the pool holds: the size asked for, or every candidate when there are fewer.</summary>
    public int Count { get; private set; }

    /// <summary>How many of the pool's candidates were taken in order so far (<see cref="this"/> takes up to the index asked).</summary>
    public int Taken { get; private set; }

    /// <summary>The thread's pool of the best <paramref name="size"/> of <paramref name="candidates"/> (finite scores).</summary>
    public static RankedPool For(ReadOnlySpan<Candidate> candidates, int size) => (t_pool ??= new RankedPool()).Begin(candidates, size);

    /// <summary>The candidate at <paramref name="index"/> (below <see cref="Count"/>) of the pool's order.</summary>
    public Candidate this[int index]
    {
        get
        {
            while (Taken <= index)
            {
                _ordered[Taken++] = Pop();
            }

            return _ordered[index];
        }
    }

    private RankedPool Begin(ReadOnlySpan<Candidate> candidates, int size)
    {
        var n = candidates.Length;
        (_candidates, _scores, _heap) = (Grown(_candidates, n), Grown(_scores, n), Grown(_heap, n));
        Count = Math.Clamp(size, 0, n);
        _ordered = Grown(_ordered, Count);
        Taken = 0;
        candidates.CopyTo(_candidates);
        for (var i = 0; i < n; i++)
        {
            (_scores[i], _heap[i]) = (candidates[i].Score, i);
        }

        _heapCount = n;
        for (var i = (n / 2) - 1; i >= 0; i--)
        {
            SiftDown(i);
        }

        return this;
    }

    private Candidate Pop()
    {
        var top = _heap[0];
        _heap[0] = _heap[--_heapCount];
        SiftDown(0);
        return _candidates[top];
    }

    private void SiftDown(int at)
    {
        var moving = _heap[at];
        while (true)
        {
            var child = (2 * at) + 1;
            if (child >= _heapCount)
            {
                break;
            }

            if (child + 1 < _heapCount && Before(_heap[child + 1], _heap[child]))
            {
                child++;
            }

            if (!Before(_heap[child], moving))
            {
                break;
            }

            _heap[at] = _heap[child];
            at = child;
        }

        _heap[at] = moving;
    }

    /// <summary>Whether candidate <paramref name="a"/> comes before <paramref name="b"/>: a higher score, or the same and a lower id.</summary>
    private bool Before(int a, int b)
    {
        var (x, y) = (_scores[a], _scores[b]);
        return x > y || (x == y && string.CompareOrdinal(_candidates[a].Item.ItemId, _candidates[b].Item.ItemId) < 0);
    }

    private static T[] Grown<T>(T[] array, int n) => array.Length >= n ? array : new T[Math.Max(n, array.Length * 2)];
}
