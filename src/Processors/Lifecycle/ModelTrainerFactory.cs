using System.Globalization;
using RecoStreams.Processors.Models;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Lifecycle;

/// <summary>
/// Makes the trainer of a model type with the settings a request or a version's lineage names (the
/// trainers' own defaults for the rest), so a champion can be retrained exactly as it was. The config
/// model (<see cref="ConfigModelType"/>) trains nothing: it is the streaming recommender's own option set. The
/// ensemble (<see cref="ItemModelEnsemble.Type"/>) is EASE, ItemKNN and item transitions in one artefact; its
/// settings are its members' (<c>ease.lambda</c>, <c>item-knn.shrinkage</c>, ...), each member's weight
/// (<c>ease.weight</c>, default 1) and <c>topK</c>.
/// </summary>
public sealed class ModelTrainerFactory
{
    public const string ConfigModelType = "config";

    /// <summary>The ensemble's members, in the order they are trained and named.</summary>
    public static readonly IReadOnlyList<string> EnsembleMembers = [EaseTrainer.Type, ItemKnnTrainer.Type, ItemTransitionTrainer.Type];

    private readonly Dictionary<string, Func<IReadOnlyDictionary<string, string>, IItemModelTrainer>> _trainers = new(StringComparer.Ordinal)
    {
        [EaseTrainer.Type] = p => new EaseTrainer(new EaseOptions
        {
            MaxItems = Int(p, "maxItems", new EaseOptions().MaxItems),
            Lambda = Double(p, "lambda", new EaseOptions().Lambda),
            TopK = Int(p, "topK", new EaseOptions().TopK),
            RecencyFactor = Double(p, "recencyFactor", new EaseOptions().RecencyFactor),
        }),
        [ItemKnnTrainer.Type] = p => new ItemKnnTrainer(new ItemKnnOptions
        {
            Shrinkage = Double(p, "shrinkage", new ItemKnnOptions().Shrinkage),
            TopK = Int(p, "topK", new ItemKnnOptions().TopK),
            RecencyHalfLife = p.TryGetValue("recencyHalfLifeDays", out var days) && days != "none"
                ? TimeSpan.FromDays(Double(p, "recencyHalfLifeDays", 0))
                : new ItemKnnOptions().RecencyHalfLife,
            RecencyFactor = Double(p, "recencyFactor", new ItemKnnOptions().RecencyFactor),
        }),
        [ItemTransitionTrainer.Type] = p => new ItemTransitionTrainer(new ItemTransitionOptions
        {
            Window = Int(p, "window", new ItemTransitionOptions().Window),
            StepDecay = Double(p, "stepDecay", new ItemTransitionOptions().StepDecay),
            Shrinkage = Double(p, "shrinkage", new ItemTransitionOptions().Shrinkage),
            TopK = Int(p, "topK", new ItemTransitionOptions().TopK),
            RecencyFactor = Double(p, "recencyFactor", new ItemTransitionOptions().RecencyFactor),
        }),
    };

    public ModelTrainerFactory()
    {
        // Members are built by the built-in entries, exactly as that type alone would be.
        var members = EnsembleMembers.Select(type => _trainers[type]).ToList();
        _trainers[ItemModelEnsemble.Type] = p => new ItemModelEnsembleTrainer(
            [.. EnsembleMembers.Select((type, i) => members[i](ItemModelEnsembleTrainer.MemberSettings(p, type)))],
            Int(p, "topK", ItemModelEnsembleTrainer.DefaultTopK),
            [.. EnsembleMembers.Select(type => Double(p, ItemModelEnsembleTrainer.MemberSetting(type, ItemModelEnsembleTrainer.WeightSetting), 1))]);
    }

    /// <summary>Every model type a job can train, the config model included, in ordinal order.</summary>
    public IReadOnlyList<string> ModelTypes => [.. _trainers.Keys.Append(ConfigModelType).Order(StringComparer.Ordinal)];

    public bool Knows(string modelType) => modelType == ConfigModelType || _trainers.ContainsKey(modelType);

    /// <summary>Adds (or replaces) a model type, e.g. a trainer an operator ships separately.</summary>
    public void Register(string modelType, Func<IReadOnlyDictionary<string, string>, IItemModelTrainer> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelType);
        ArgumentNullException.ThrowIfNull(create);
        if (modelType == ConfigModelType)
        {
            throw new ArgumentException("The config model type is built in.", nameof(modelType));
        }

        _trainers[modelType] = create;
    }

    /// <summary>
    /// The trainer of <paramref name="modelType"/>; null for the config model (<see cref="ConfigModelSettings"/>). Throws
    /// <see cref="ArgumentException"/> for an unknown type or a setting that is not a number in range.
    /// </summary>
    public IItemModelTrainer? Create(string modelType, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (modelType == ConfigModelType)
        {
            // Its settings are checked here too, so a request naming a bad one is refused before the job starts.
            ConfigModelSettings.Apply(new RecommenderOptions(), parameters);
            return null;
        }

        if (!_trainers.TryGetValue(modelType, out var create))
        {
            throw new ArgumentException($"Unknown model type '{modelType}'; known: {string.Join(", ", ModelTypes)}.", nameof(modelType));
        }

        try
        {
            // A trained version may name the settings its lists are served with; checked here like the config model's.
            ConfigModelSettings.Apply(new RecommenderOptions(), ConfigModelSettings.Named(parameters));
            return create(parameters);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentException($"A setting of {modelType} is out of range: {e.Message}", nameof(parameters), e);
        }
    }

    private static int Int(IReadOnlyDictionary<string, string> p, string name, int fallback) =>
        !p.TryGetValue(name, out var text) ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw new ArgumentException($"Setting '{name}' must be an integer, got '{text}'.", nameof(p));

    private static double Double(IReadOnlyDictionary<string, string> p, string name, double fallback) =>
        !p.TryGetValue(name, out var text) ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value
        : throw new ArgumentException($"Setting '{name}' must be a finite number, got '{text}'.", nameof(p));
}
