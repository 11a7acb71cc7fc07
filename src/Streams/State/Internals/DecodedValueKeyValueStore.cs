using System.Diagnostics.CodeAnalysis;
using RecoStreams.Streams.Serialization;

namespace RecoStreams.Streams.State.Internals;

/// <summary>
/// Keeps the decoded values the task's own thread reads and writes, so a processor that reads, changes and
/// writes one key per record (a profile, an aggregate) decodes it once rather than on every record. Other
/// threads (interactive queries) read the layers below and never see a kept instance, which the task's
/// thread may be changing. A Put hands over the instance: the caller must not change it afterwards
/// without putting it again.
/// <para>Write-through (the default): a Put also encodes and writes below at once, so every other reader sees
/// it as before. With <paramref name="encodeOnFlush"/> a Put only keeps the value, and it is encoded and
/// written below at flush (before the task commits), when the table is full, or before a scan; for stores
/// no other thread reads, as the layers below hold the previous value until then.</para>
/// At most <paramref name="capacity"/> values are kept; a full table writes its pending values and starts over.
/// </summary>
internal sealed class DecodedValueKeyValueStore<TKey, TValue>(IKeyValueStore<TKey, TValue> inner, int capacity, bool encodeOnFlush)
    : IKeyValueStore<TKey, TValue>, ICachedStateStore<TKey, TValue>
{
    private readonly Dictionary<Key, TValue> _kept = [];
    private readonly HashSet<Key> _pending = [];
    private int _ownerThreadId;

    public string Name => inner.Name;

    public bool Persistent => inner.Persistent;

    public bool IsOpen => inner.IsOpen;

    /// <summary>Counts only the layers below: values pending their encoding are not estimated.</summary>
    public long ApproximateNumEntries => inner.ApproximateNumEntries;

    private bool OnTaskThread => Environment.CurrentManagedThreadId == _ownerThreadId;

    public void Init(IStateStoreContext context)
    {
        _ownerThreadId = Environment.CurrentManagedThreadId;
        inner.Init(context);
    }

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (!OnTaskThread)
        {
            return inner.TryGet(key, out value);
        }

        if (_kept.TryGetValue(new Key(key), out value))
        {
            return true;
        }

        if (!inner.TryGet(key, out value))
        {
            return false;
        }

        Keep(key, value);
        return true;
    }

    public void Put(TKey key, TValue value)
    {
        if (value is null || !OnTaskThread)
        {
            Forget(key);
            inner.Put(key, value);
            return;
        }

        Keep(key, value);
        if (encodeOnFlush)
        {
            _pending.Add(new Key(key));
        }
        else
        {
            inner.Put(key, value);
        }
    }

    public void PutAll(IEnumerable<KeyValuePair<TKey, TValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var (key, value) in entries)
        {
            Put(key, value);
        }
    }

    public bool Delete(TKey key)
    {
        var wasPending = _pending.Contains(new Key(key));
        Forget(key);
        return inner.Delete(key) || wasPending;
    }

    public IKeyValueIterator<TKey, TValue> Range(TKey? from, TKey? to)
    {
        WritePendingOnTaskThread();
        return inner.Range(from, to);
    }

    public IKeyValueIterator<TKey, TValue> All()
    {
        WritePendingOnTaskThread();
        return inner.All();
    }

    public IKeyValueIterator<TKey, TValue> PrefixScan<TPrefix>(TPrefix prefix, ISerde<TPrefix> prefixSerde)
    {
        WritePendingOnTaskThread();
        return inner.PrefixScan(prefix, prefixSerde);
    }

    public bool SetFlushListener(Action<CachedChange<TKey, TValue>> listener) =>
        inner is ICachedStateStore<TKey, TValue> cached && cached.SetFlushListener(listener);

    public void Flush()
    {
        WritePendingOnTaskThread();
        inner.Flush();
    }

    public void Sync() => inner.Sync();

    /// <summary>Closing writes nothing, as the caching layer: a clean close flushes first, an unclean one drops the writes.</summary>
    public void Close()
    {
        _kept.Clear();
        _pending.Clear();
        inner.Close();
    }

    private void Keep(TKey key, TValue value)
    {
        if (_kept.Count >= capacity && !_kept.ContainsKey(new Key(key)))
        {
            WritePending();
            _kept.Clear();
        }

        _kept[new Key(key)] = value;
    }

    private void Forget(TKey key)
    {
        _kept.Remove(new Key(key));
        _pending.Remove(new Key(key));
    }

    private void WritePendingOnTaskThread()
    {
        if (OnTaskThread)
        {
            WritePending();
        }
    }

    private void WritePending()
    {
        foreach (var key in _pending)
        {
            inner.Put(key.Value, _kept[key]);
        }

        _pending.Clear();
    }

    /// <summary>A store's key (never null: the serde layer refuses one) as a dictionary key.</summary>
    private readonly record struct Key(TKey Value);
}
