namespace RecoStreams.Processors.Options;

/// <summary>Settings of the item-kNN trainer: cosine similarity with shrinkage, optionally recency-weighted.</summary>
public sealed class ItemKnnOptions
{
    /// <summary>Added to the cosine's denominator, so pairs with little support score lower. Default 10.</summary>
    public double Shrinkage { get; set; } = 10;

    /// <summary>Neighbours kept per item. Default 100.</summary>
    public int TopK { get; set; } = 100;

    /// <summary>
    /// When set, an interaction counts 0.5^(age / half-life), its age taken from the latest interaction in the
    /// training data: recent tastes shape the neighbours more. Default none (every interaction counts fully).
    /// </summary>
    public TimeSpan? RecencyHalfLife { get; set; }

    /// <summary>Weight of a history item per distinct later timestamp when scoring. Default 1.</summary>
    public double RecencyFactor { get; set; } = 1;
}
