using System.Buffers.Binary;
using System.Numerics;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Generic;

/// <summary>
/// Converts between the stored (underlying) value of a logical type and its .NET type:
/// decimal ↔ <see cref="AvroDecimal"/>, uuid ↔ <see cref="Guid"/>, date ↔ <see cref="DateOnly"/>,
/// time-* ↔ <see cref="TimeOnly"/>, timestamp-millis/micros ↔ <see cref="DateTimeOffset"/> (UTC),
/// local-timestamp-millis/micros ↔ <see cref="DateTime"/> (unspecified kind), duration ↔ <see cref="AvroDuration"/>.
/// Nanosecond timestamps stay as their long count, because .NET ticks (100 ns) cannot hold them exactly.
/// </summary>
public static class LogicalConversions
{
    private const long TicksPerMicrosecond = 10;
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;
    private static readonly int UnixEpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>Converts a decoded underlying value to the logical type's .NET value.</summary>
    /// <exception cref="AvroDecodeException">The value is outside what the .NET type can represent, or malformed.</exception>
    public static object FromStored(LogicalType logicalType, object stored)
    {
        try
        {
            return logicalType switch
            {
                DecimalLogicalType d => new AvroDecimal(new BigInteger(StoredBytes(stored), isUnsigned: false, isBigEndian: true), d.Scale),
                _ when logicalType == LogicalType.Uuid => stored is string s
                    ? (Guid.TryParseExact(s, "D", out var g) ? g : throw new AvroDecodeException($"'{s}' is not a valid uuid"))
                    : new Guid(StoredBytes(stored), bigEndian: true),
                _ when logicalType == LogicalType.Date => DateOnly.FromDayNumber(checked(UnixEpochDayNumber + (int)stored)),
                _ when logicalType == LogicalType.TimeMillis => TimeOf(checked((int)stored * TimeSpan.TicksPerMillisecond)),
                _ when logicalType == LogicalType.TimeMicros => TimeOf(checked((long)stored * TicksPerMicrosecond)),
                _ when logicalType == LogicalType.TimestampMillis => new DateTimeOffset(checked(UnixEpochTicks + ((long)stored * TimeSpan.TicksPerMillisecond)), TimeSpan.Zero),
                _ when logicalType == LogicalType.TimestampMicros => new DateTimeOffset(checked(UnixEpochTicks + ((long)stored * TicksPerMicrosecond)), TimeSpan.Zero),
                _ when logicalType == LogicalType.LocalTimestampMillis => new DateTime(checked(UnixEpochTicks + ((long)stored * TimeSpan.TicksPerMillisecond)), DateTimeKind.Unspecified),
                _ when logicalType == LogicalType.LocalTimestampMicros => new DateTime(checked(UnixEpochTicks + ((long)stored * TicksPerMicrosecond)), DateTimeKind.Unspecified),
                _ when logicalType == LogicalType.Duration => DurationOf(StoredBytes(stored)),
                _ => stored,
            };
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            throw new AvroDecodeException($"{logicalType.Name} value {stored} is outside the range of its .NET type", e);
        }
    }

    /// <summary>
    /// Converts a .NET value to the stored value for <paramref name="schema"/>'s logical type.
    /// Values already of the underlying type pass through unchanged.
    /// </summary>
    /// <exception cref="AvroEncodeException">The value does not fit the logical type (e.g. too many decimal digits).</exception>
    public static object? ToStored(AvroSchema schema, object? value)
    {
        var logicalType = schema.LogicalType;
        return (logicalType, value) switch
        {
            (DecimalLogicalType d, AvroDecimal v) => DecimalBytes(schema, d, v),
            (DecimalLogicalType d, decimal v) => DecimalBytes(schema, d, AvroDecimal.FromDecimal(v)),
            (_, Guid g) when logicalType == LogicalType.Uuid => schema.Type == AvroType.String ? g.ToString("D") : g.ToByteArray(bigEndian: true),
            (_, DateOnly date) when logicalType == LogicalType.Date => date.DayNumber - UnixEpochDayNumber,
            (_, TimeOnly time) when logicalType == LogicalType.TimeMillis => (int)(time.Ticks / TimeSpan.TicksPerMillisecond),
            (_, TimeOnly time) when logicalType == LogicalType.TimeMicros => time.Ticks / TicksPerMicrosecond,
            (_, DateTimeOffset ts) when logicalType == LogicalType.TimestampMillis => FloorDiv(ts.UtcTicks - UnixEpochTicks, TimeSpan.TicksPerMillisecond),
            (_, DateTimeOffset ts) when logicalType == LogicalType.TimestampMicros => FloorDiv(ts.UtcTicks - UnixEpochTicks, TicksPerMicrosecond),
            (_, DateTime dt) when logicalType == LogicalType.TimestampMillis => FloorDiv(UtcTicks(dt) - UnixEpochTicks, TimeSpan.TicksPerMillisecond),
            (_, DateTime dt) when logicalType == LogicalType.TimestampMicros => FloorDiv(UtcTicks(dt) - UnixEpochTicks, TicksPerMicrosecond),
            (_, DateTime dt) when logicalType == LogicalType.LocalTimestampMillis => FloorDiv(dt.Ticks - UnixEpochTicks, TimeSpan.TicksPerMillisecond),
            (_, DateTime dt) when logicalType == LogicalType.LocalTimestampMicros => FloorDiv(dt.Ticks - UnixEpochTicks, TicksPerMicrosecond),
            (_, AvroDuration duration) when logicalType == LogicalType.Duration => DurationBytes(duration),
            _ => value,
        };
    }

    private static byte[] StoredBytes(object stored) => stored is GenericFixed f ? f.Value : (byte[])stored;

    private static TimeOnly TimeOf(long ticks) =>
        ticks is >= 0 and < TimeSpan.TicksPerDay ? new TimeOnly(ticks) : throw new ArgumentOutOfRangeException(nameof(ticks), "time of day must be within [0, 24h)");

    private static AvroDuration DurationOf(byte[] bytes) => new(
        BinaryPrimitives.ReadUInt32LittleEndian(bytes),
        BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)),
        BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));

    private static byte[] DurationBytes(AvroDuration duration)
    {
        var bytes = new byte[12];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, duration.Months);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), duration.Days);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), duration.Milliseconds);
        return bytes;
    }

    /// <summary>A DateTime of unspecified kind is taken as UTC: timestamps are instants, and guessing the local zone would shift them.</summary>
    private static long UtcTicks(DateTime dt) => dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime().Ticks : dt.Ticks;

    /// <summary>Rounds toward negative infinity so instants before 1970 map to the unit that contains them.</summary>
    private static long FloorDiv(long ticks, long unit) => ticks >= 0 || ticks % unit == 0 ? ticks / unit : (ticks / unit) - 1;

    /// <summary>
    /// Whether <paramref name="value"/> can be stored in <paramref name="schema"/>'s decimal type without
    /// rounding: its fraction digits fit the scale, its digits the precision, its bytes a fixed's size.
    /// Union branch selection asks this so a value goes to a decimal branch that can hold it.
    /// </summary>
    public static bool DecimalFits(AvroSchema schema, DecimalLogicalType type, AvroDecimal value) =>
        DecimalProblem(schema, type, value, out _) is null;

    private static byte[] DecimalBytes(AvroSchema schema, DecimalLogicalType type, AvroDecimal value)
    {
        if (DecimalProblem(schema, type, value, out var minimal) is { } problem)
        {
            throw new AvroEncodeException(problem);
        }

        if (schema is not FixedSchema fixedSchema)
        {
            return minimal;
        }

        // Sign-extend to the fixed size: pad with 0xFF for negatives, 0x00 otherwise.
        var bytes = new byte[fixedSchema.Size];
        bytes.AsSpan(0, fixedSchema.Size - minimal.Length).Fill(value.Unscaled.Sign < 0 ? (byte)0xFF : (byte)0);
        minimal.CopyTo(bytes, fixedSchema.Size - minimal.Length);
        return bytes;
    }

    /// <summary>Why the value cannot be stored, or null with its minimal two's-complement bytes at the type's scale.</summary>
    private static string? DecimalProblem(AvroSchema schema, DecimalLogicalType type, AvroDecimal value, out byte[] minimal)
    {
        minimal = [];
        if (value.Scale > type.Scale && !BigInteger.Remainder(value.Unscaled, BigInteger.Pow(10, value.Scale - type.Scale)).IsZero)
        {
            return $"decimal {value} has more than {type.Scale} fraction digits";
        }

        var scaled = value.Rescale(type.Scale);
        if (!scaled.Unscaled.IsZero && BigInteger.Abs(scaled.Unscaled).ToString().Length > type.Precision)
        {
            return $"decimal {value} has more than {type.Precision} digits of precision";
        }

        minimal = scaled.Unscaled.ToByteArray(isUnsigned: false, isBigEndian: true);
        return schema is FixedSchema fixedSchema && minimal.Length > fixedSchema.Size
            ? $"decimal {value} does not fit in fixed {fixedSchema.Name} of {fixedSchema.Size} bytes"
            : null;
    }
}
