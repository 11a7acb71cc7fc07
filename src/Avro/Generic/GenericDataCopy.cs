using System.Collections;

namespace RecoStreams.Avro.Generic;

/// <summary>Deep copies of generic values, so a shared value (such as a field default) is never mutated through a decoded datum.</summary>
internal static class GenericDataCopy
{
    /// <summary>True when a value can be handed out as-is because nothing in it is mutable.</summary>
    public static bool IsImmutable(object? value) => value is not (GenericRecord or IList or IDictionary or byte[] or GenericFixed);

    public static object? DeepCopy(object? value)
    {
        switch (value)
        {
            case GenericRecord record:
                var copy = new GenericRecord(record.Schema);
                for (var i = 0; i < record.Schema.Fields.Count; i++)
                {
                    copy[i] = DeepCopy(record[i]);
                }

                return copy;
            case byte[] bytes:
                return bytes.ToArray();
            case GenericFixed fixedValue:
                return new GenericFixed(fixedValue.Schema, fixedValue.Value.ToArray());
            case Dictionary<string, object?> map:
                return map.ToDictionary(kv => kv.Key, kv => DeepCopy(kv.Value), StringComparer.Ordinal);
            case List<object?> list:
                return list.Select(DeepCopy).ToList();
            default:
                return value;
        }
    }
}
