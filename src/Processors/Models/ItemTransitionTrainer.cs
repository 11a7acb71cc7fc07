using System.Globalization;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Models;

/// <summary>
/// Item transitions: in each user's time-ordered sequence, item i followed d distinct timestamps later by j
/// counts StepDecay^(d-1) towards i → j, for d up to the window. Interactions that share a timestamp are
/// unordered: a step of several items spreads its count evenly over all their pairs, and items of the same
/// step are not transitions of each other. Score(i → j) = count(i → j) / (Σ_j' count(i → j') + shrinkage).
/// </summary>
public sealed class ItemTransitionTrainer : IItemModelTrainer
{
    public const string Type = "item-transitions";

    private readonly ItemTransitionOptions _options;

    public ItemTransitionTrainer(ItemTransitionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Window);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Shrinkage);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.TopK);
        if (!(options.StepDecay > 0 && options.StepDecay <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.StepDecay, "The step decay must be in (0, 1].");
        }

        _options = options;
        Parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["window"] = options.Window.ToString(CultureInfo.InvariantCulture),
            ["stepDecay"] = options.StepDecay.ToString(CultureInfo.InvariantCulture),
            ["shrinkage"] = options.Shrinkage.ToString(CultureInfo.InvariantCulture),
            ["topK"] = options.TopK.ToString(CultureInfo.InvariantCulture),
            ["recencyFactor"] = options.RecencyFactor.ToString(CultureInfo.InvariantCulture),
        };
    }

    public string ModelType => Type;

    public IReadOnlyDictionary<string, string> Parameters { get; }

    public ItemNeighbourModel Train(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        var counts = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        foreach (var user in interactions.Where(e => e.Weight > 0).GroupBy(e => e.UserId, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var steps = user
                .GroupBy(e => e.TimestampMs)
                .OrderBy(g => g.Key)
                .Select(g => g.Select(e => e.ItemId).Distinct(StringComparer.Ordinal).ToArray())
                .ToArray();
            for (var s = 0; s < steps.Length; s++)
            {
                var weight = 1.0;
                for (var d = 1; d <= _options.Window && s + d < steps.Length; d++)
                {
                    var (from, to) = (steps[s], steps[s + d]);
                    var share = weight / (from.Length * to.Length);
                    foreach (var i in from)
                    {
                        if (!counts.TryGetValue(i, out var row))
                        {
                            counts[i] = row = new Dictionary<string, double>(StringComparer.Ordinal);
                        }

                        foreach (var j in to)
                        {
                            row[j] = row.GetValueOrDefault(j) + share;
                        }
                    }

                    weight *= _options.StepDecay;
                }
            }
        }

        var neighbours = counts.Select(kv =>
        {
            var total = kv.Value.Values.Sum() + _options.Shrinkage;
            IReadOnlyList<ScoredItem> top = [.. kv.Value
                .Where(n => n.Key != kv.Key)
                .Select(n => new ScoredItem(n.Key, (float)(n.Value / total)))
                .OrderByDescending(n => n.Score)
                .ThenBy(n => n.ItemId, StringComparer.Ordinal)
                .Take(_options.TopK)];
            return new KeyValuePair<string, IReadOnlyList<ScoredItem>>(kv.Key, top);
        });
        return new ItemNeighbourModel(Type, Parameters, neighbours, _options.RecencyFactor);
    }
}
