using System.Globalization;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Models;

/// <summary>
/// Item-kNN: sim(i, j) = Σ_u x_ui·x_uj / (‖x_i‖·‖x_j‖ + shrinkage), the cosine shrunk towards zero where
/// few users support it. With a recency half-life, x_ui is the interaction's weight times 0.5^(age/half-life),
/// ages taken from the latest interaction in the data. Each item keeps its top-k neighbours.
/// </summary>
public sealed class ItemKnnTrainer : IItemModelTrainer
{
    public const string Type = "item-knn";

    private readonly ItemKnnOptions _options;

    public ItemKnnTrainer(ItemKnnOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Shrinkage);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.TopK);
        if (options.RecencyHalfLife is { } halfLife && halfLife <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), halfLife, "The recency half-life must be positive.");
        }

        _options = options;
        Parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["shrinkage"] = options.Shrinkage.ToString(CultureInfo.InvariantCulture),
            ["topK"] = options.TopK.ToString(CultureInfo.InvariantCulture),
            ["recencyHalfLifeDays"] = options.RecencyHalfLife is { } h ? h.TotalDays.ToString(CultureInfo.InvariantCulture) : "none",
            ["recencyFactor"] = options.RecencyFactor.ToString(CultureInfo.InvariantCulture),
        };
    }

    public string ModelType => Type;

    public IReadOnlyDictionary<string, string> Parameters { get; }

    public ItemNeighbourModel Train(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        var latestMs = interactions.Count == 0 ? 0 : interactions.Max(e => e.TimestampMs);
        var halfLifeMs = _options.RecencyHalfLife?.TotalMilliseconds;
        var matrix = InteractionMatrix.Build(
            interactions,
            e => halfLifeMs is { } h ? (float)(e.Weight * Math.Pow(0.5, (latestMs - e.TimestampMs) / h)) : e.Weight);
        var itemCount = matrix.Items.Length;
        var norms = matrix.ItemValues.Select(values => Math.Sqrt(values.Sum(v => (double)v * v))).ToArray();

        var dot = new double[itemCount];
        var touched = new List<int>();
        var neighbours = new List<KeyValuePair<string, IReadOnlyList<ScoredItem>>>(itemCount);
        for (var i = 0; i < itemCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (users, values) = (matrix.ItemUsers[i], matrix.ItemValues[i]);
            for (var k = 0; k < users.Length; k++)
            {
                var (userItems, userValues) = (matrix.UserItems[users[k]], matrix.UserValues[users[k]]);
                for (var m = 0; m < userItems.Length; m++)
                {
                    var j = userItems[m];
                    if (dot[j] == 0)
                    {
                        touched.Add(j);
                    }

                    dot[j] += (double)values[k] * userValues[m];
                }
            }

            foreach (var j in touched)
            {
                dot[j] /= (norms[i] * norms[j]) + _options.Shrinkage;
            }

            neighbours.Add(new(matrix.Items[i], TopNeighbours.Select(dot, touched, i, _options.TopK, matrix.Items)));
            foreach (var j in touched)
            {
                dot[j] = 0;
            }

            touched.Clear();
        }

        return new ItemNeighbourModel(Type, Parameters, neighbours, _options.RecencyFactor);
    }
}
