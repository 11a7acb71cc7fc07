namespace RecoStreams.Processors.Items;

/// <summary>
/// Bounded top-N items per facet ("" overall, "genre:Drama", "creator:X", "language:en") by
/// recency-weighted popularity. Scores published at different times are made comparable by ranking on
/// log2(popularity) + publishedAt / halfLife: the order of exponentially decayed values never changes
/// as time passes, so the index needs no periodic re-scoring. Thread-safe: the global-table thread
/// updates it while stream threads read it.
/// </summary>
public sealed class TrendingIndex
{
    public const string Overall = "";

    private readonly Lock _lock = new();
    private readonly int _capacity;
    private readonly double _halfLifeMs;
    // Facets are matched ignoring case: "drama" asks for the same genre as "Drama", as a person typing it means.
    private readonly Dictionary<string, SortedSet<Entry>> _byFacet = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (double Rank, string[] Facets)> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _catalogFacets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Count, string[] Ids)> _topIds = new(StringComparer.Ordinal);

    // The item each of the last ChangeLogCapacity versions changed, at version % capacity: a reader that kept ranks at an
    // older version forgets those items only, instead of every rank, when a publication moved the version.
    private readonly string[] _changed = new string[ChangeLogCapacity];
    private long _version;

    /// <summary>How many of the latest versions <see cref="ChangedSince"/> can name the items of.</summary>
    public const int ChangeLogCapacity = 1_024;

    public TrendingIndex(int capacity, TimeSpan halfLife)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _halfLifeMs = halfLife.TotalMilliseconds;
    }

    public static string Genre(string genre) => "genre:" + genre;

    public static string Creator(string creator) => "creator:" + creator;

    public static string Language(string language) => "language:" + language;

    /// <summary>
    /// Moves whenever an item's popularity changes (set, removed, or the item dropped from its last facet): while it holds,
    /// <see cref="Log2RanksOf"/> answers every id as before, so a reader may keep its answers.
    /// </summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Sets an item's popularity (measured at <paramref name="atMs"/>) in the overall list and the given facets.</summary>
    public void Update(string itemId, double popularity, long atMs, IEnumerable<string> facets)
    {
        lock (_lock)
        {
            UpdateLocked(itemId, popularity, atMs, facets);
        }
    }

    public void Remove(string itemId)
    {
        lock (_lock)
        {
            RemoveLocked(itemId);
        }
    }

    /// <summary>
    /// Records the catalog's facets of an item (creators, language), added to those passed with every
    /// later <see cref="Update"/>: the catalog and item-stats tables are fed by different processors, and
    /// a global processor can only reach its own store. Null forgets the item (removed from the catalog).
    /// </summary>
    public void SetCatalogFacets(string itemId, IEnumerable<string>? facets)
    {
        lock (_lock)
        {
            if (facets is null)
            {
                _catalogFacets.Remove(itemId);
                RemoveLocked(itemId);
            }
            else
            {
                _catalogFacets[itemId] = [.. facets];
            }
        }
    }

    /// <summary>The facet's best items with their popularity decayed to <paramref name="nowMs"/>, best first.</summary>
    public IReadOnlyList<(string ItemId, double Popularity)> Top(string facet, int count, long nowMs)
    {
        lock (_lock)
        {
            if (!_byFacet.TryGetValue(facet, out var set))
            {
                return [];
            }

            var offset = nowMs / _halfLifeMs;
            return [.. set.Take(count).Select(e => (e.ItemId, Math.Pow(2, e.Rank - offset)))];
        }
    }

    /// <summary>
    /// The ids of <see cref="Top"/>, best first. Kept per facet until the facet changes: every recompute asks for
    /// the same few facets, and the order of decayed popularities does not change as time passes.
    /// </summary>
    public IReadOnlyList<string> TopItemIds(string facet, int count)
    {
        lock (_lock)
        {
            if (_topIds.TryGetValue(facet, out var cached) && cached.Count == count)
            {
                return cached.Ids;
            }

            if (!_byFacet.TryGetValue(facet, out var set))
            {
                return [];
            }

            var ids = new List<string>(Math.Min(count, set.Count));
            foreach (var entry in set)
            {
                if (ids.Count == count)
                {
                    break;
                }

                ids.Add(entry.ItemId);
            }

            string[] top = [.. ids];
            _topIds[facet] = (count, top);
            return top;
        }
    }

    /// <summary>The item's popularity decayed to <paramref name="nowMs"/>, 0 when it is not indexed.</summary>
    public double PopularityOf(string itemId, long nowMs) => Math.Pow(2, Log2PopularityOf(itemId, nowMs));

    /// <summary>
    /// log2 of <see cref="PopularityOf"/>, −∞ when not indexed. Ratios of popularities must be taken in
    /// log space: a score published long ago decays below double precision (2^-1074) within years.
    /// </summary>
    public double Log2PopularityOf(string itemId, long nowMs)
    {
        lock (_lock)
        {
            return _items.TryGetValue(itemId, out var entry) ? entry.Rank - (nowMs / _halfLifeMs) : double.NegativeInfinity;
        }
    }

    /// <summary>
    /// Each id's log2 popularity before decay (<see cref="Log2PopularityOf"/> plus <see cref="Log2Decay"/>), −∞ when not
    /// indexed, into <paramref name="into"/>; returns the <see cref="Version"/> they were read at, under the same lock.
    /// </summary>
    public long Log2RanksOf(ReadOnlySpan<string> itemIds, Span<double> into)
    {
        lock (_lock)
        {
            for (var i = 0; i < itemIds.Length; i++)
            {
                into[i] = _items.TryGetValue(itemIds[i], out var entry) ? entry.Rank : double.NegativeInfinity;
            }

            return _version;
        }
    }

    /// <summary>
    /// The ids whose rank may differ between <paramref name="version"/> and the current <see cref="Version"/>, into
    /// <paramref name="into"/> (an id once per change; repeats possible); returns the current version, or null when there
    /// were more than <paramref name="maxChanges"/> changes or the log no longer reaches back to <paramref name="version"/>
    /// (<see cref="ChangeLogCapacity"/>). Every other id's <see cref="Log2RanksOf"/> is the same at both versions.
    /// </summary>
    public long? ChangedSince(long version, int maxChanges, List<string> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        into.Clear();
        lock (_lock)
        {
            if (version > _version || _version - version > Math.Min(maxChanges, ChangeLogCapacity))
            {
                return null;
            }

            for (var v = version + 1; v <= _version; v++)
            {
                into.Add(_changed[v % ChangeLogCapacity]);
            }

            return _version;
        }
    }

    /// <summary>What decay to <paramref name="nowMs"/> takes off a log2 rank: rank − this is <see cref="Log2PopularityOf"/>.</summary>
    public double Log2Decay(long nowMs) => nowMs / _halfLifeMs;

    private void UpdateLocked(string itemId, double popularity, long atMs, IEnumerable<string> facets)
    {
        Changed(itemId);
        RemoveLocked(itemId);
        if (popularity <= 0 || double.IsNaN(popularity))
        {
            return;
        }

        var rank = Math.Log2(popularity) + (atMs / _halfLifeMs);
        string[] all = [Overall, .. facets.Concat(_catalogFacets.GetValueOrDefault(itemId) ?? []).Distinct(StringComparer.Ordinal)];
        var kept = new List<string>(all.Length);
        foreach (var facet in all)
        {
            if (!_byFacet.TryGetValue(facet, out var set))
            {
                _byFacet[facet] = set = new SortedSet<Entry>(EntryOrder.Instance);
            }

            var entry = new Entry(rank, itemId);
            set.Add(entry);
            _topIds.Remove(facet);
            if (set.Count > _capacity)
            {
                var last = set.Max;
                set.Remove(last);
                if (last.ItemId == itemId)
                {
                    continue;
                }

                ForgetFacet(last.ItemId, facet);
            }

            kept.Add(facet);
        }

        if (kept.Count > 0)
        {
            _items[itemId] = (rank, [.. kept]);
        }
    }

    // Under the lock: moves the version and logs the item it changed.
    private void Changed(string itemId)
    {
        var version = Interlocked.Increment(ref _version);
        _changed[version % ChangeLogCapacity] = itemId;
    }

    private void RemoveLocked(string itemId)
    {
        if (!_items.Remove(itemId, out var old))
        {
            return;
        }

        Changed(itemId);

        foreach (var facet in old.Facets)
        {
            if (_byFacet.TryGetValue(facet, out var set))
            {
                set.Remove(new Entry(old.Rank, itemId));
                _topIds.Remove(facet);
            }
        }
    }

    private void ForgetFacet(string itemId, string facet)
    {
        if (!_items.TryGetValue(itemId, out var entry))
        {
            return;
        }

        var facets = entry.Facets.Where(f => f != facet).ToArray();
        if (facets.Length == 0)
        {
            Changed(itemId);
            _items.Remove(itemId);
        }
        else
        {
            _items[itemId] = (entry.Rank, facets);
        }
    }

    private readonly record struct Entry(double Rank, string ItemId);

    private sealed class EntryOrder : IComparer<Entry>
    {
        public static readonly EntryOrder Instance = new();

        public int Compare(Entry x, Entry y)
        {
            var byRank = y.Rank.CompareTo(x.Rank);
            return byRank != 0 ? byRank : string.CompareOrdinal(x.ItemId, y.ItemId);
        }
    }
}
