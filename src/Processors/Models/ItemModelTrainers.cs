using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Models;

/// <summary>The item-model trainers by model type, with their default settings.</summary>
public static class ItemModelTrainers
{
    public static IReadOnlyList<string> ModelTypes { get; } = [EaseTrainer.Type, ItemKnnTrainer.Type, ItemTransitionTrainer.Type];

    /// <summary>A trainer of the given type with default settings; null when the type is unknown.</summary>
    public static IItemModelTrainer? Create(string modelType) => modelType switch
    {
        EaseTrainer.Type => new EaseTrainer(new EaseOptions()),
        ItemKnnTrainer.Type => new ItemKnnTrainer(new ItemKnnOptions()),
        ItemTransitionTrainer.Type => new ItemTransitionTrainer(new ItemTransitionOptions()),
        _ => null,
    };
}
