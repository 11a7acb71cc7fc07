using System.Globalization;

namespace RecoStreams.QueryApi.Observability;

/// <summary>
/// An immutable, sorted set of Prometheus labels derived from measurement tags; the identity of a series.
/// Tags whose keys sanitise to the same label name are merged, their values joined with ';' in key order.
/// </summary>
internal sealed class LabelSet : IEquatable<LabelSet>
{
    public static readonly LabelSet Empty = new([]);

    /// <summary>The series that absorbs measurements once an instrument reaches its series limit.</summary>
    public static readonly LabelSet Overflow = new([new("otel_metric_overflow", "true")]);

    private readonly KeyValuePair<string, string>[] _labels;
    private readonly int _hash;

    private LabelSet(KeyValuePair<string, string>[] labels)
    {
        _labels = labels;
        var hash = new HashCode();
        foreach (var (name, value) in labels)
        {
            hash.Add(name, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }

        _hash = hash.ToHashCode();
    }

    public IReadOnlyList<KeyValuePair<string, string>> Labels => _labels;

    /// <param name="tags">The measurement's tags.</param>
    /// <param name="labelName">Maps a tag key to a label name (cached by the caller).</param>
    /// <param name="reservedLe">Histograms reserve <c>le</c> for bucket bounds, so a tag of that name is renamed.</param>
    public static LabelSet From(ReadOnlySpan<KeyValuePair<string, object?>> tags, Func<string, string> labelName, bool reservedLe)
    {
        if (tags.IsEmpty)
        {
            return Empty;
        }

        var pairs = new (string Key, string Name, string Value)[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            var name = labelName(tags[i].Key);
            if (reservedLe && name == "le")
            {
                name = "tag_le";
            }

            pairs[i] = (tags[i].Key, name, Format(tags[i].Value));
        }

        Array.Sort(pairs, static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Key, b.Key);
        });

        var labels = new List<KeyValuePair<string, string>>(pairs.Length);
        foreach (var (_, name, value) in pairs)
        {
            if (labels.Count > 0 && labels[^1].Key == name)
            {
                labels[^1] = new(name, labels[^1].Value + ";" + value);
            }
            else
            {
                labels.Add(new(name, value));
            }
        }

        return new LabelSet([.. labels]);
    }

    public bool Equals(LabelSet? other)
    {
        if (other is null || other._hash != _hash || other._labels.Length != _labels.Length)
        {
            return false;
        }

        for (var i = 0; i < _labels.Length; i++)
        {
            if (!string.Equals(_labels[i].Key, other._labels[i].Key, StringComparison.Ordinal)
                || !string.Equals(_labels[i].Value, other._labels[i].Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as LabelSet);

    public override int GetHashCode() => _hash;

    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
