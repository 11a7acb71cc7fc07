namespace RecoStreams.Processors.Experiments;

/// <summary>
/// Counts of one variant (in one time window, or summed): lists served, items shown, and feedback, in
/// total and by 1-based position (index 0 is position 1; positions beyond <see cref="MaxPositions"/> are
/// counted in the totals only).
/// </summary>
public sealed class VariantCounts
{
    public const int MaxPositions = 100;

    public long Exposures { get; set; }

    public long Impressions { get; set; }

    public long Clicks { get; set; }

    public long AddToCarts { get; set; }

    public long Purchases { get; set; }

    public long Dismissals { get; set; }

    public long Unattributed { get; set; }

    public List<long> ImpressionsByPosition { get; } = [];

    public List<long> ClicksByPosition { get; } = [];

    public List<long> PurchasesByPosition { get; } = [];

    public void Add(ExperimentSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        switch (signal.Kind)
        {
            case SignalKind.Exposure:
                Exposures++;
                Impressions += signal.Items;
                for (var position = 1; position <= Math.Min(signal.Items, MaxPositions); position++)
                {
                    Increment(ImpressionsByPosition, position, 1);
                }

                break;
            case SignalKind.Click:
                Clicks++;
                Increment(ClicksByPosition, signal.Position, 1);
                break;
            case SignalKind.AddToCart:
                AddToCarts++;
                break;
            case SignalKind.Purchase:
                Purchases++;
                Increment(PurchasesByPosition, signal.Position, 1);
                break;
            case SignalKind.Dismiss:
                Dismissals++;
                break;
            case SignalKind.Unattributed:
                Unattributed++;
                break;
        }
    }

    public void Add(VariantCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Exposures += other.Exposures;
        Impressions += other.Impressions;
        Clicks += other.Clicks;
        AddToCarts += other.AddToCarts;
        Purchases += other.Purchases;
        Dismissals += other.Dismissals;
        Unattributed += other.Unattributed;
        for (var i = 0; i < other.ImpressionsByPosition.Count; i++)
        {
            Increment(ImpressionsByPosition, i + 1, other.ImpressionsByPosition[i]);
        }

        for (var i = 0; i < other.ClicksByPosition.Count; i++)
        {
            Increment(ClicksByPosition, i + 1, other.ClicksByPosition[i]);
        }

        for (var i = 0; i < other.PurchasesByPosition.Count; i++)
        {
            Increment(PurchasesByPosition, i + 1, other.PurchasesByPosition[i]);
        }
    }

    private static void Increment(List<long> byPosition, int position, long by)
    {
        if (position is < 1 or > MaxPositions)
        {
            return;
        }

        while (byPosition.Count < position)
        {
            byPosition.Add(0);
        }

        byPosition[position - 1] += by;
    }
}

/// <summary>An experiment's counts per variant in one time window (the value of the experiment-counts window store).</summary>
public sealed class ExperimentCounts
{
    public SortedDictionary<string, VariantCounts> Variants { get; } = new(StringComparer.Ordinal);

    public void Add(ExperimentSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (!Variants.TryGetValue(signal.Variant, out var counts))
        {
            Variants[signal.Variant] = counts = new VariantCounts();
        }

        counts.Add(signal);
    }

    public void Add(ExperimentCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (variant, counts) in other.Variants)
        {
            if (!Variants.TryGetValue(variant, out var mine))
            {
                Variants[variant] = mine = new VariantCounts();
            }

            mine.Add(counts);
        }
    }
}
