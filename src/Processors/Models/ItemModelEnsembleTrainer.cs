using System.Globalization;

namespace RecoStreams.Processors.Models;

/// <summary>
/// Trains an <see cref="ItemModelEnsemble"/>: each member model on the same interactions, combined into one
/// neighbour list per item. Its settings (lineage) are each member's, prefixed with the member's model type
/// (<c>ease.lambda</c>), so a version records every member it was built from and can be retrained exactly; a member's
/// weight in the combination is its <c>{type}.weight</c> (recorded when the weights are not all 1).
/// </summary>
public sealed class ItemModelEnsembleTrainer : IItemModelTrainer
{
    /// <summary>Neighbours kept per item in the combined model (before publishing takes the top of them).</summary>
    public const int DefaultTopK = 100;

    private readonly IReadOnlyList<IItemModelTrainer> _members;
    private readonly int _topK;
    private readonly IReadOnlyList<double>? _weights;

    /// <param name="weights">One weight per member (see <see cref="ItemModelEnsemble.Combine"/>); null weighs them alike.</param>
    public ItemModelEnsembleTrainer(IReadOnlyList<IItemModelTrainer> members, int topK = DefaultTopK, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentOutOfRangeException.ThrowIfZero(members.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topK);
        if (members.Select(m => m.ModelType).Distinct(StringComparer.Ordinal).Count() != members.Count)
        {
            throw new ArgumentException("Each member model type may appear once.", nameof(members));
        }

        if (weights is not null && (weights.Count != members.Count || weights.Any(w => !double.IsFinite(w) || w < 0)))
        {
            throw new ArgumentException("One finite, non-negative weight per member is needed.", nameof(weights));
        }

        _members = members;
        _topK = topK;
        _weights = weights is not null && weights.All(w => w == 1) ? null : weights;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["models"] = string.Join('+', members.Select(m => m.ModelType)),
            ["topK"] = topK.ToString(CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < members.Count; i++)
        {
            foreach (var (name, value) in members[i].Parameters)
            {
                parameters[MemberSetting(members[i].ModelType, name)] = value;
            }

            if (_weights is not null)
            {
                parameters[MemberSetting(members[i].ModelType, WeightSetting)] = _weights[i].ToString(CultureInfo.InvariantCulture);
            }
        }

        Parameters = parameters;
    }

    /// <summary>A member's setting that holds its weight in the combination (not one of the member's own).</summary>
    public const string WeightSetting = "weight";

    public string ModelType => ItemModelEnsemble.Type;

    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>The ensemble's name for a member's setting: "{member type}.{setting}".</summary>
    public static string MemberSetting(string memberType, string setting) => memberType + "." + setting;

    /// <summary>The settings of one member named in an ensemble's settings, without their prefix; empty when none is named.</summary>
    public static Dictionary<string, string> MemberSettings(IReadOnlyDictionary<string, string> parameters, string memberType)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var prefix = memberType + ".";
        return parameters
            .Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(p => p.Key[prefix.Length..], p => p.Value, StringComparer.Ordinal);
    }

    public ItemNeighbourModel Train(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken) =>
        ItemModelEnsemble.Combine([.. _members.Select(m => m.Train(interactions, cancellationToken))], _topK, _weights);
}
