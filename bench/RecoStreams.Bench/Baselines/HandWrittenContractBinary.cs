using RecoStreams.Avro;
using RecoStreams.Avro.IO;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Bench.Baselines;

/// <summary>Reads one array item (as the hand-written contracts did).</summary>
internal delegate T HandWrittenItemReader<out T>(ref AvroBinaryReader reader);

/// <summary>
/// The binary helpers the hand-written contract codecs used before the contracts were generated
/// (src/Avro/Contracts/Internal/ContractBinary.cs at 8cfd09b), kept unchanged so the `avro`
/// benchmark can compare the generated codecs with them in the same run.
/// </summary>
internal static class HandWrittenContractBinary
{
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    public static long ToEpochMillis(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks - UnixEpochTicks;
        return ticks >= 0 || ticks % TimeSpan.TicksPerMillisecond == 0
            ? ticks / TimeSpan.TicksPerMillisecond
            : (ticks / TimeSpan.TicksPerMillisecond) - 1;
    }

    public static DateTimeOffset FromEpochMillis(long millis)
    {
        try
        {
            return new DateTimeOffset(checked(UnixEpochTicks + (millis * TimeSpan.TicksPerMillisecond)), TimeSpan.Zero);
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            throw new AvroDecodeException($"timestamp-millis {millis} is outside the range of DateTimeOffset", e);
        }
    }

    public static void WriteTimestamp(AvroBinaryWriter writer, DateTimeOffset instant) => writer.WriteLong(ToEpochMillis(instant));

    public static DateTimeOffset ReadTimestamp(ref AvroBinaryReader reader) => FromEpochMillis(reader.ReadLong());

    public static void WriteUuid(AvroBinaryWriter writer, Guid id) => writer.WriteString(id.ToString("D"));

    public static Guid ReadUuid(ref AvroBinaryReader reader) => ParseUuid(reader.ReadString());

    public static Guid ParseUuid(string text) =>
        Guid.TryParseExact(text, "D", out var id) ? id : throw new AvroDecodeException($"'{text}' is not a valid uuid");

    public static void WriteRequired(AvroBinaryWriter writer, string? value, string field) =>
        writer.WriteString(value ?? throw new AvroEncodeException($"{field}: null is not a valid string"));

    /// <summary>As ContractGeneric.Ordinal did: checks a C# enum value against the schema before it is written.</summary>
    public static int Ordinal(EnumSchema schema, int value, string field) =>
        value >= 0 && value < schema.Symbols.Count ? value
            : throw new AvroEncodeException($"{field}: {value} is not an ordinal of enum {schema.Name}");

    public static void WriteOptional(AvroBinaryWriter writer, double? value)
    {
        writer.WriteUnionIndex(value.HasValue ? 1 : 0);
        if (value.HasValue)
        {
            writer.WriteDouble(value.Value);
        }
    }

    public static double? ReadOptionalDouble(ref AvroBinaryReader reader) =>
        reader.ReadUnionIndex(2) == 0 ? null : reader.ReadDouble();

    public static void WriteOptional(AvroBinaryWriter writer, string? value)
    {
        writer.WriteUnionIndex(value is null ? 0 : 1);
        if (value is not null)
        {
            writer.WriteString(value);
        }
    }

    public static string? ReadOptionalString(ref AvroBinaryReader reader) =>
        reader.ReadUnionIndex(2) == 0 ? null : reader.ReadString();

    public static void WriteArray<T>(AvroBinaryWriter writer, IReadOnlyList<T>? items, Action<AvroBinaryWriter, T> writeItem, string field)
    {
        if (items is null)
        {
            throw new AvroEncodeException($"{field}: null is not a valid array");
        }

        if (items.Count > 0)
        {
            writer.WriteBlockCount(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                writeItem(writer, items[i]);
            }
        }

        writer.WriteBlockCount(0);
    }

    public static T[] ReadArray<T>(ref AvroBinaryReader reader, HandWrittenItemReader<T> readItem)
    {
        List<T>? items = null;
        long count;
        while ((count = reader.ReadBlockHeader(out _)) != 0)
        {
            if (count > reader.Remaining)
            {
                throw new AvroDecodeException($"array block of {count} items at offset {reader.Position} exceeds the {reader.Remaining} bytes left");
            }

            items ??= new List<T>((int)count);
            for (var i = 0L; i < count; i++)
            {
                items.Add(readItem(ref reader));
            }
        }

        return items is null ? [] : [.. items];
    }

    public static void WriteStrings(AvroBinaryWriter writer, IReadOnlyList<string>? items, string field) =>
        WriteArray(writer, items, (w, s) => WriteRequired(w, s, field + "[]"), field);

    public static string[] ReadStrings(ref AvroBinaryReader reader) => ReadArray(ref reader, static (ref AvroBinaryReader r) => r.ReadString());

    public static void WriteStringMap(AvroBinaryWriter writer, IReadOnlyDictionary<string, string>? map, string field)
    {
        if (map is null)
        {
            throw new AvroEncodeException($"{field}: null is not a valid map");
        }

        if (map.Count > 0)
        {
            writer.WriteBlockCount(map.Count);
            foreach (var (key, value) in map)
            {
                writer.WriteString(key);
                WriteRequired(writer, value, $"{field}[\"{key}\"]");
            }
        }

        writer.WriteBlockCount(0);
    }

    public static Dictionary<string, string> ReadStringMap(ref AvroBinaryReader reader)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        long count;
        while ((count = reader.ReadBlockHeader(out _)) != 0)
        {
            if (count > reader.Remaining / 2)
            {
                throw new AvroDecodeException($"map block of {count} entries at offset {reader.Position} exceeds the {reader.Remaining} bytes left");
            }

            for (var i = 0L; i < count; i++)
            {
                map[reader.ReadString()] = reader.ReadString();
            }
        }

        return map;
    }
}
