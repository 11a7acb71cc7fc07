using System.Globalization;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Lifecycle;

/// <summary>
/// The config model's parameters: the recommender settings that shape a list when it is computed (sizes,
/// blend weights, diversity, the weight of trained neighbours), as text. A training request names the ones it
/// changes; a config version records the whole set it was evaluated with, a trained version the ones its request
/// named (<see cref="Named"/>, e.g. the blend weight evaluate chose for that model), and while a version is
/// active every list is built with its settings. Settings that shape the state (decay half-lives, windows) are
/// the deployment's and cannot be part of a version.
/// </summary>
public static class ConfigModelSettings
{
    private static readonly Dictionary<string, Action<RecommenderOptions, string, string>> Setters = new(StringComparer.Ordinal)
    {
        ["listSize"] = (o, k, v) => o.ListSize = Int(k, v, 1, 1000),
        ["cfSeedItems"] = (o, k, v) => o.CfSeedItems = Int(k, v, 1, 1000),
        ["cfRecencyFactor"] = (o, k, v) => o.CfRecencyFactor = Double(k, v, 0, 1),
        ["hybridWeights"] = (o, k, v) => o.HybridWeights = Weights(k, v),
        ["powerWeights"] = (o, k, v) => o.PowerWeights = Weights(k, v),
        ["newUserWeights"] = (o, k, v) => o.NewUserWeights = Weights(k, v),
        ["mmrLambda"] = (o, k, v) => o.MmrLambda = Double(k, v, 0, 1),
        ["powerMmrLambda"] = (o, k, v) => o.PowerMmrLambda = Double(k, v, 0, 1),
        ["maxPerCreator"] = (o, k, v) => o.MaxPerCreator = Int(k, v, 1, 1000),
        ["trainedNeighbourWeight"] = (o, k, v) => o.TrainedNeighbourWeight = Double(k, v, 0, 100),
        ["trainedRecencyFactor"] = (o, k, v) => o.TrainedRecencyFactor = v == AsCf ? null : Double(k, v, 0, 1),
        ["trainedScaling"] = (o, k, v) => o.TrainedScaling = Named<TrainedScaling>(k, v),
        ["seedFading"] = (o, k, v) => o.SeedFading = Named<SeedFading>(k, v),
    };

    /// <summary>The trained recency factor's value for "as <c>cfRecencyFactor</c>".</summary>
    private const string AsCf = "cf";

    /// <summary>Every setting a config version may carry, in ordinal order.</summary>
    public static IReadOnlyList<string> Names => [.. Setters.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// A copy of <paramref name="defaults"/> with <paramref name="parameters"/> applied. Throws
    /// <see cref="ArgumentException"/> for a setting that is unknown (unless <paramref name="ignoreUnknown"/>,
    /// for a version recorded by an older build) or not a value in range.
    /// </summary>
    public static RecommenderOptions Apply(RecommenderOptions defaults, IReadOnlyDictionary<string, string> parameters, bool ignoreUnknown = false)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(parameters);
        var options = defaults.Copy();
        foreach (var (name, value) in parameters)
        {
            if (Setters.TryGetValue(name, out var set))
            {
                set(options, name, value);
            }
            else if (!ignoreUnknown)
            {
                throw new ArgumentException($"Unknown config setting '{name}'; known: {string.Join(", ", Names)}.", nameof(parameters));
            }
        }

        return options;
    }

    /// <summary>The whole set as a version records it (and <see cref="Apply"/> reads back).</summary>
    public static IReadOnlyDictionary<string, string> Describe(RecommenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["listSize"] = Invariant(options.ListSize),
            ["cfSeedItems"] = Invariant(options.CfSeedItems),
            ["cfRecencyFactor"] = Invariant(options.CfRecencyFactor),
            ["hybridWeights"] = Weights(options.HybridWeights),
            ["powerWeights"] = Weights(options.PowerWeights),
            ["newUserWeights"] = Weights(options.NewUserWeights),
            ["mmrLambda"] = Invariant(options.MmrLambda),
            ["powerMmrLambda"] = Invariant(options.PowerMmrLambda),
            ["maxPerCreator"] = Invariant(options.MaxPerCreator),
            ["trainedNeighbourWeight"] = Invariant(options.TrainedNeighbourWeight),
            ["trainedRecencyFactor"] = options.TrainedRecencyFactor is { } factor ? Invariant(factor) : AsCf,
            ["trainedScaling"] = options.TrainedScaling.ToString(),
            ["seedFading"] = options.SeedFading.ToString(),
        };
    }

    /// <summary>
    /// The settings among <paramref name="parameters"/> (a trained version's request or lineage, beside its trainer's
    /// settings): what that version's lists are built with on top of the deployment's.
    /// </summary>
    public static Dictionary<string, string> Named(IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.Where(p => Setters.ContainsKey(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }

    /// <summary>Reads an enum setting by its name (e.g. "PerSeed", "WholeList"); numbers are refused.</summary>
    private static T Named<T>(string name, string text)
        where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: false, out var value) && Enum.IsDefined(value) && !char.IsAsciiDigit(text.FirstOrDefault())
            ? value
            : throw new ArgumentException($"Setting '{name}' must be one of {string.Join(", ", Enum.GetNames<T>())}, got '{text}'.", nameof(name));

    private static string Invariant(object value) => FormattableString.Invariant($"{value}");

    private static string Weights(BlendWeights w) => FormattableString.Invariant($"cf {w.Cf}, content {w.Content}, popular {w.Popular}");

    /// <summary>Reads "cf 0.6, content 0.25, popular 0.15" (the three, in that order).</summary>
    private static BlendWeights Weights(string name, string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        string[] labels = ["cf", "content", "popular"];
        if (parts.Length != 3)
        {
            throw WeightsError(name, text);
        }

        var values = new double[3];
        for (var i = 0; i < 3; i++)
        {
            var words = parts[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length != 2 || words[0] != labels[i]
                || !double.TryParse(words[1], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]) || values[i] < 0)
            {
                throw WeightsError(name, text);
            }
        }

        return new BlendWeights(values[0], values[1], values[2]);
    }

    private static ArgumentException WeightsError(string name, string text) =>
        new($"Setting '{name}' must read 'cf X, content Y, popular Z' with numbers of at least 0, got '{text}'.", name);

    private static int Int(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"Setting '{name}' must be an integer from {min} to {max}, got '{text}'.", name);

    private static double Double(string name, string text, double min, double max) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"Setting '{name}' must be a number from {min} to {max}, got '{text}'.", name);
}
