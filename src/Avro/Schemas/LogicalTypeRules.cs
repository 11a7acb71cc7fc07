using System.Numerics;
using System.Text.Json;

namespace RecoStreams.Avro.Schemas;

/// <summary>
/// Decides whether a <c>logicalType</c> annotation is valid for its underlying type. Per the spec an
/// invalid annotation is not an error: the schema simply behaves as its underlying type.
/// </summary>
internal static class LogicalTypeRules
{
    public static LogicalType? Create(string name, AvroType type, int fixedSize, JsonElement json) => name switch
    {
        LogicalType.DecimalName => CreateDecimal(type, fixedSize, json),
        LogicalType.UuidName when type == AvroType.String || (type == AvroType.Fixed && fixedSize == 16) => LogicalType.Uuid,
        LogicalType.DateName when type == AvroType.Int => LogicalType.Date,
        LogicalType.TimeMillisName when type == AvroType.Int => LogicalType.TimeMillis,
        LogicalType.TimeMicrosName when type == AvroType.Long => LogicalType.TimeMicros,
        LogicalType.TimestampMillisName when type == AvroType.Long => LogicalType.TimestampMillis,
        LogicalType.TimestampMicrosName when type == AvroType.Long => LogicalType.TimestampMicros,
        LogicalType.TimestampNanosName when type == AvroType.Long => LogicalType.TimestampNanos,
        LogicalType.LocalTimestampMillisName when type == AvroType.Long => LogicalType.LocalTimestampMillis,
        LogicalType.LocalTimestampMicrosName when type == AvroType.Long => LogicalType.LocalTimestampMicros,
        LogicalType.LocalTimestampNanosName when type == AvroType.Long => LogicalType.LocalTimestampNanos,
        LogicalType.DurationName when type == AvroType.Fixed && fixedSize == 12 => LogicalType.Duration,
        _ => null,
    };

    private static DecimalLogicalType? CreateDecimal(AvroType type, int fixedSize, JsonElement json)
    {
        if (type is not (AvroType.Bytes or AvroType.Fixed))
        {
            return null;
        }

        if (!TryGetInt(json, "precision", out var precision) || precision <= 0)
        {
            return null;
        }

        var scale = 0;
        if (json.TryGetProperty("scale", out _) && !TryGetInt(json, "scale", out scale))
        {
            return null;
        }

        if (scale < 0 || scale > precision)
        {
            return null;
        }

        if (type == AvroType.Fixed && precision > MaxPrecisionForFixed(fixedSize))
        {
            return null;
        }

        return new DecimalLogicalType(precision, scale);
    }

    /// <summary>The spec's bound: floor(log10(2^(8n-1) - 1)) digits fit in n bytes of two's complement.</summary>
    internal static long MaxPrecisionForFixed(int size)
    {
        if (size == 0)
        {
            return 0;
        }

        if (size <= 1024)
        {
            return (BigInteger.Pow(2, (8 * size) - 1) - 1).ToString().Length - 1;
        }

        // A power of two is never a power of ten, so the float estimate cannot straddle a digit boundary here.
        return (long)Math.Floor(((8.0 * size) - 1) * Math.Log10(2));
    }

    private static bool TryGetInt(JsonElement json, string name, out int value)
    {
        value = 0;
        return json.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out value);
    }
}
