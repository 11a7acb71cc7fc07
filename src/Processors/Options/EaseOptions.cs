namespace RecoStreams.Processors.Options;

/// <summary>Settings of the EASE trainer (Steck 2019: closed-form item-item regression with a zero diagonal).</summary>
public sealed class EaseOptions
{
    /// <summary>The model covers this many of the most frequent items (the solve is cubic in it). Default 2000.</summary>
    public int MaxItems { get; set; } = 2000;

    /// <summary>L2 regularisation λ added to the Gram matrix's diagonal. Default 500.</summary>
    public double Lambda { get; set; } = 500;

    /// <summary>Neighbours kept per item. Default 100.</summary>
    public int TopK { get; set; } = 100;

    /// <summary>Weight of a history item per distinct later timestamp when scoring. Default 1 (order-free, as EASE is).</summary>
    public double RecencyFactor { get; set; } = 1;
}
