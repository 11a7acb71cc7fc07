namespace RecoStreams.Processors.Options;

/// <summary>Settings of the item-transition trainer: what users engage with next, after each item.</summary>
public sealed class ItemTransitionOptions
{
    /// <summary>Transitions count up to this many distinct timestamps ahead in a user's sequence. Default 3.</summary>
    public int Window { get; set; } = 3;

    /// <summary>A transition d steps ahead counts StepDecay^(d-1). Default 0.5.</summary>
    public double StepDecay { get; set; } = 0.5;

    /// <summary>Added to an item's total outgoing count before normalising, so rare items' transitions count less. Default 5.</summary>
    public double Shrinkage { get; set; } = 5;

    /// <summary>Neighbours kept per item. Default 100.</summary>
    public int TopK { get; set; } = 100;

    /// <summary>Weight of a history item per distinct later timestamp when scoring. Default 0.7: the last items say most about the next.</summary>
    public double RecencyFactor { get; set; } = 0.7;
}
