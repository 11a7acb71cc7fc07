using RecoStreams.Processors.Affinity;

namespace RecoStreams.Processors.Items;

/// <summary>
/// One by-item task's n_j (the decayed count of a co-visited item) and n_j^β, by item number, for its publications.
/// A publication reads n_j of every co-count of every changed item (up to <see cref="Options.CoVisitationOptions.MaxTrackedPerItem"/>
/// each); through the item id that was a string-keyed lookup or two per co-count (most of the publication's time,
/// docs/benchmarks.md "Eleventh pass"). Here each <see cref="CoCounts"/> entry keeps the number its item got, so a
/// read is an array read. Counts of items this task hosts are kept as written (<see cref="CountChanged"/>, called
/// wherever the task writes one) and decayed once per publication; counts of items hosted elsewhere are read once per
/// publication, as before. The values are those the id-keyed reads gave, computed the same way, so neighbours and
/// their similarities do not change. Bounded: past its capacity it forgets every number between two publications.
/// </summary>
public sealed class NeighbourCountTable
{
    private readonly double _beta;
    private readonly double _halfLifeMs;
    private readonly int _capacity;
    private readonly Func<string, DecayedScore?> _readHosted;
    private readonly Func<string, double?> _readElsewhere;
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private Slot[] _slots = new Slot[64];
    private object _generation = new();
    private long _publication;
    private long _nowMs;

    /// <param name="beta">β of the similarity: the weight of n_j is n_j^β.</param>
    /// <param name="halfLifeMs">The half-life counts decay with.</param>
    /// <param name="capacity">Item numbers kept before every number is forgotten.</param>
    /// <param name="readHosted">The count of an item this task hosts, as stored; null when it hosts none.</param>
    /// <param name="readElsewhere">n_j of an item hosted elsewhere (as of its last publication); null when unknown.</param>
    public NeighbourCountTable(double beta, double halfLifeMs, int capacity, Func<string, DecayedScore?> readHosted, Func<string, double?> readElsewhere)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        (_beta, _halfLifeMs, _capacity) = (beta, halfLifeMs, capacity);
        (_readHosted, _readElsewhere) = (readHosted, readElsewhere);
    }

    private enum Host : byte
    {
        NotRead,
        Here,
        Elsewhere,
    }

    /// <summary>The task wrote <paramref name="count"/> as the count of <paramref name="itemId"/>.</summary>
    public void CountChanged(string itemId, DecayedScore count)
    {
        ref var slot = ref SlotOf(NumberOf(itemId));
        (slot.Host, slot.Hosted, slot.Publication) = (Host.Here, count, 0);
    }

    /// <summary>Starts a publication at stream time <paramref name="nowMs"/>: counts are decayed to it.</summary>
    public void BeginPublication(long nowMs)
    {
        if (_numbers.Count > _capacity)
        {
            _numbers.Clear();
            _slots = new Slot[64];
            _generation = new object();
        }

        _publication++;
        _nowMs = nowMs;
    }

    /// <summary>Makes <paramref name="coCounts"/> hold numbers of this table's current numbering.</summary>
    internal void Number(CoCounts coCounts) => coCounts.NumberBy(_generation);

    /// <summary>n_j and n_j^β of the entry's item in this publication; false when n_j is unknown.</summary>
    internal bool TryGet(ref CoCounts.Entry entry, out double count, out double weight)
    {
        if (entry.Number == CoCounts.Unnumbered)
        {
            entry.Number = NumberOf(entry.ItemId);
        }

        ref var slot = ref SlotOf(entry.Number);
        if (slot.Publication != _publication)
        {
            Read(ref slot, entry.ItemId);
        }

        (count, weight) = (slot.Count, slot.Weight);
        return slot.Known;
    }

    private void Read(ref Slot slot, string itemId)
    {
        if (slot.Host == Host.NotRead)
        {
            if (_readHosted(itemId) is { } hosted)
            {
                (slot.Host, slot.Hosted) = (Host.Here, hosted);
            }
            else
            {
                slot.Host = Host.Elsewhere;
            }
        }

        double? count = slot.Host == Host.Here ? slot.Hosted.ValueAt(_nowMs, _halfLifeMs) : _readElsewhere(itemId);
        slot.Known = count.HasValue;
        slot.Count = count ?? 0;

        slot.Weight = CoVisitationSimilarity.WeightOfCountJ(slot.Count, _beta);
        slot.Publication = _publication;
    }

    private int NumberOf(string itemId)
    {
        if (!_numbers.TryGetValue(itemId, out var number))
        {
            _numbers.Add(itemId, number = _numbers.Count);
        }

        return number;
    }

    private ref Slot SlotOf(int number)
    {
        if (number >= _slots.Length)
        {
            Array.Resize(ref _slots, Math.Max(number + 1, _slots.Length * 2));
        }

        return ref _slots[number];
    }

    private struct Slot
    {
        public Host Host;
        public bool Known;
        public DecayedScore Hosted;
        public long Publication;
        public double Count;
        public double Weight;
    }
}
