using System.Globalization;

namespace RecoStreams.Processors.Models;

/// <summary>
/// Trains an <see cref="ItemModelEnsemble"/>: each member model on the same interactions, combined into one
/// neighbour list per item. Its settings (lineage) are each member's, prefixed with the member's model type
/// (<c>ease.lambda</c>), so a version records every member it was built from and can be retrained exactly.
/// </summary>
public sealed class ItemModelEnsembleTrainer : IItemModelTrainer
{
    /// <summary>Neighbours kept per item in the combined model (before publishing takes the top of them).</summary>
    public const int DefaultTopK = 100;

    private readonly IReadOnlyList<IItemModelTrainer> _members;
    private readonly int _topK;

    public ItemModelEnsembleTrainer(IReadOnlyList<IItemModelTrainer> members, int topK = DefaultTopK)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentOutOfRangeException.ThrowIfZero(members.Count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topK);
        if (members.Select(m => m.ModelType).Distinct(StringComparer.Ordinal).Count() != members.Count)
        {
            throw new ArgumentException("Each member model type may appear once.", nameof(members));
        }

        _members = members;
        _topK = topK;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["models"] = string.Join('+', members.Select(m => m.ModelType)),
            ["topK"] = topK.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var member in members)
        {
            foreach (var (name, value) in member.Parameters)
            {
                parameters[MemberSetting(member.ModelType, name)] = value;
            }
        }

        Parameters = parameters;
    }

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
        ItemModelEnsemble.Combine([.. _members.Select(m => m.Train(interactions, cancellationToken))], _topK);
}
