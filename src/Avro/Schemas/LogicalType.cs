namespace RecoStreams.Avro.Schemas;

/// <summary>
/// A logical type annotating a primitive or fixed schema. Only valid annotations become a
/// <see cref="LogicalType"/>; the spec says invalid or unknown ones are ignored and the underlying type is used.
/// </summary>
public class LogicalType
{
    /// <summary>The spec's logical type names.</summary>
    public const string DecimalName = "decimal", UuidName = "uuid", DateName = "date", TimeMillisName = "time-millis",
        TimeMicrosName = "time-micros", TimestampMillisName = "timestamp-millis", TimestampMicrosName = "timestamp-micros",
        TimestampNanosName = "timestamp-nanos", LocalTimestampMillisName = "local-timestamp-millis",
        LocalTimestampMicrosName = "local-timestamp-micros", LocalTimestampNanosName = "local-timestamp-nanos",
        DurationName = "duration";

    /// <summary>Creates a logical type with no parameters.</summary>
    protected LogicalType(string name) => Name = name;

    /// <summary>The <c>logicalType</c> attribute value.</summary>
    public string Name { get; }

    /// <summary>uuid: a string (or 1.12: fixed of 16 bytes) holding an RFC 4122 UUID.</summary>
    public static LogicalType Uuid { get; } = new(UuidName);

    /// <summary>date: int days since the Unix epoch.</summary>
    public static LogicalType Date { get; } = new(DateName);

    /// <summary>time-millis: int milliseconds after midnight.</summary>
    public static LogicalType TimeMillis { get; } = new(TimeMillisName);

    /// <summary>time-micros: long microseconds after midnight.</summary>
    public static LogicalType TimeMicros { get; } = new(TimeMicrosName);

    /// <summary>timestamp-millis: long milliseconds since the Unix epoch, UTC.</summary>
    public static LogicalType TimestampMillis { get; } = new(TimestampMillisName);

    /// <summary>timestamp-micros: long microseconds since the Unix epoch, UTC.</summary>
    public static LogicalType TimestampMicros { get; } = new(TimestampMicrosName);

    /// <summary>timestamp-nanos (Avro 1.12): long nanoseconds since the Unix epoch, UTC.</summary>
    public static LogicalType TimestampNanos { get; } = new(TimestampNanosName);

    /// <summary>local-timestamp-millis: long milliseconds since the epoch in an unspecified local time zone.</summary>
    public static LogicalType LocalTimestampMillis { get; } = new(LocalTimestampMillisName);

    /// <summary>local-timestamp-micros: long microseconds since the epoch in an unspecified local time zone.</summary>
    public static LogicalType LocalTimestampMicros { get; } = new(LocalTimestampMicrosName);

    /// <summary>local-timestamp-nanos (Avro 1.12): long nanoseconds since the epoch in an unspecified local time zone.</summary>
    public static LogicalType LocalTimestampNanos { get; } = new(LocalTimestampNanosName);

    /// <summary>duration: fixed of 12 bytes, three little-endian unsigned ints (months, days, milliseconds).</summary>
    public static LogicalType Duration { get; } = new(DurationName);

    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>decimal: an arbitrary-precision decimal stored as a two's-complement big-endian unscaled integer in bytes or fixed.</summary>
public sealed class DecimalLogicalType : LogicalType
{
    /// <summary>Creates a decimal type; validity against the underlying type is checked by the parser.</summary>
    public DecimalLogicalType(int precision, int scale) : base(DecimalName)
    {
        Precision = precision;
        Scale = scale;
    }

    /// <summary>Maximum number of significant digits.</summary>
    public int Precision { get; }

    /// <summary>Number of digits after the decimal point.</summary>
    public int Scale { get; }

    /// <inheritdoc />
    public override string ToString() => $"decimal({Precision},{Scale})";
}
