namespace RecoStreams.Processors.Models;

/// <summary>Trains an item-to-item model from a batch of interactions.</summary>
public interface IItemModelTrainer
{
    /// <summary>A short stable name, e.g. <c>ease</c>, recorded with every model it trains.</summary>
    string ModelType { get; }

    /// <summary>The trainer's settings as invariant strings (lineage).</summary>
    IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>Learns the model; the interactions may come in any order.</summary>
    ItemNeighbourModel Train(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken);
}
