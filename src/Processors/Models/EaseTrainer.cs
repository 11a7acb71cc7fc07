using System.Globalization;
using MathNet.Numerics.LinearAlgebra.Double;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Models;

/// <summary>
/// EASE (Steck 2019): the item-item weights B minimising ‖X − XB‖² + λ‖B‖² with diag(B) = 0 have the closed
/// form B = I − P·diag(1/diag(P)) with P = (XᵀX + λI)⁻¹, i.e. B_ij = −P_ij / P_jj. The solve is cubic in the
/// number of items, so the model covers the <see cref="EaseOptions.MaxItems"/> items most users interacted
/// with; each keeps its top-k positive weights.
/// </summary>
public sealed class EaseTrainer : IItemModelTrainer
{
    public const string Type = "ease";

    private readonly EaseOptions _options;

    public EaseTrainer(EaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxItems);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.TopK);
        if (!(options.Lambda > 0 && double.IsFinite(options.Lambda)))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Lambda, "λ must be positive.");
        }

        _options = options;
        Parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["maxItems"] = options.MaxItems.ToString(CultureInfo.InvariantCulture),
            ["lambda"] = options.Lambda.ToString(CultureInfo.InvariantCulture),
            ["topK"] = options.TopK.ToString(CultureInfo.InvariantCulture),
            ["recencyFactor"] = options.RecencyFactor.ToString(CultureInfo.InvariantCulture),
        };
    }

    public string ModelType => Type;

    public IReadOnlyDictionary<string, string> Parameters { get; }

    public ItemNeighbourModel Train(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        var matrix = InteractionMatrix.Build(interactions, e => e.Weight);
        var chosen = Enumerable.Range(0, matrix.Items.Length)
            .OrderByDescending(i => matrix.ItemUsers[i].Length)
            .ThenBy(i => i)
            .Take(_options.MaxItems)
            .Order()
            .ToArray();
        var n = chosen.Length;
        var local = Enumerable.Repeat(-1, matrix.Items.Length).ToArray();
        for (var k = 0; k < n; k++)
        {
            local[chosen[k]] = k;
        }

        var gram = Gram(matrix, local, n, cancellationToken);
        for (var i = 0; i < n; i++)
        {
            gram[(i * n) + i] += _options.Lambda;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var precision = DenseMatrix.OfColumnMajor(n, n, gram).Cholesky().Solve(DenseMatrix.CreateIdentity(n)).AsColumnMajorArray();

        var ids = chosen.Select(i => matrix.Items[i]).ToArray();
        var neighbours = new List<KeyValuePair<string, IReadOnlyList<ScoredItem>>>(n);
        var row = new double[n];
        var all = Enumerable.Range(0, n).ToArray();
        for (var i = 0; i < n; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // P is symmetric, so its column i is row i: B_ij = −P_ij / P_jj.
            for (var j = 0; j < n; j++)
            {
                row[j] = -precision[(i * n) + j] / precision[(j * n) + j];
            }

            neighbours.Add(new(ids[i], TopNeighbours.Select(row, all, i, _options.TopK, ids)));
        }

        return new ItemNeighbourModel(Type, Parameters, neighbours, _options.RecencyFactor);
    }

    /// <summary>XᵀX over the chosen items, row-major (it is symmetric, so also column-major).</summary>
    private static double[] Gram(InteractionMatrix matrix, int[] local, int n, CancellationToken cancellationToken)
    {
        var gram = new double[n * n];
        var items = new List<(int Index, double Value)>();
        for (var u = 0; u < matrix.UserItems.Length; u++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            items.Clear();
            var (userItems, values) = (matrix.UserItems[u], matrix.UserValues[u]);
            for (var k = 0; k < userItems.Length; k++)
            {
                if (local[userItems[k]] is >= 0 and var index)
                {
                    items.Add((index, values[k]));
                }
            }

            foreach (var (a, va) in items)
            {
                var offset = a * n;
                foreach (var (b, vb) in items)
                {
                    gram[offset + b] += va * vb;
                }
            }
        }

        return gram;
    }
}
