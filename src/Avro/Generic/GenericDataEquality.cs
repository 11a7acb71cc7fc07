using System.Collections;
using System.Globalization;

namespace RecoStreams.Avro.Generic;

/// <summary>Deep equality and display for generic data, where arrays, maps and byte arrays compare by content.</summary>
public static class GenericDataEquality
{
    /// <summary>True when two generic values hold the same data.</summary>
    public static bool ValuesEqual(object? a, object? b)
    {
        switch (a, b)
        {
            case (null, null):
                return true;
            case (null, _) or (_, null):
                return false;
            case (byte[] x, byte[] y):
                return x.AsSpan().SequenceEqual(y);
            case (IDictionary<string, object?> x, IDictionary<string, object?> y):
                return x.Count == y.Count && x.All(kv => y.TryGetValue(kv.Key, out var v) && ValuesEqual(kv.Value, v));
            case (IList x, IList y):
                if (x.Count != y.Count)
                {
                    return false;
                }

                for (var i = 0; i < x.Count; i++)
                {
                    if (!ValuesEqual(x[i], y[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                // float/double Equals treats NaN as equal to NaN, which is what data comparison wants.
                return a.Equals(b);
        }
    }

    /// <summary>A JSON-like rendering for messages and debugging.</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        bool b => b ? "true" : "false",
        byte[] bytes => "0x" + Convert.ToHexString(bytes),
        IDictionary<string, object?> map => "{" + string.Join(", ", map.Select(kv => $"\"{kv.Key}\": {Format(kv.Value)}")) + "}",
        IList list => "[" + string.Join(", ", list.Cast<object?>().Select(Format)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
