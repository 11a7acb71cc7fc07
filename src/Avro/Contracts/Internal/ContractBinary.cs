using System.ComponentModel;
using RecoStreams.Avro.IO;

namespace RecoStreams.Avro.Contracts.Internal;

/// <summary>Reads one array item or map value.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate T ItemReader<out T>(ref AvroBinaryReader reader);

/// <summary>
/// Binary building blocks the generated contract codecs call: logical types, required strings and
/// bytes, enum ordinals, and arrays and maps with bounded block counts. Public only so code generated
/// into other assemblies (and the generator's tests) can call it; not an API to build on.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ContractBinary
{
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    public static long ToEpochMillis(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks - UnixEpochTicks;
        // Floor, not truncate, so instants before 1970 land in the millisecond that contains them.
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

    public static void WriteRequired(AvroBinaryWriter writer, byte[]? value, string field) =>
        writer.WriteBytes(value ?? throw new AvroEncodeException($"{field}: null is not a valid bytes value"));

    /// <summary>Checks a C# enum value (its Avro ordinal) before it is written.</summary>
    public static int Ordinal(int value, int symbolCount, string field) =>
        value >= 0 && value < symbolCount ? value
            : throw new AvroEncodeException($"{field}: {value} is not an ordinal of an enum with {symbolCount} symbols");

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

    /// <summary>Reads an array whose items take at least one byte each (the generator rejects other item types).</summary>
    public static T[] ReadArray<T>(ref AvroBinaryReader reader, ItemReader<T> readItem)
    {
        List<T>? items = null;
        long count;
        while ((count = reader.ReadBlockHeader(out _)) != 0)
        {
            // Every item takes at least one byte, so a count beyond the remaining input is corrupt;
            // checking first keeps a hostile count from allocating.
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

    /// <summary>An array of strings, the most common array, without a delegate call per item.</summary>
    public static void WriteStrings(AvroBinaryWriter writer, IReadOnlyList<string>? items, string field)
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
                // The message is built only on the error path: this loop must not allocate.
                writer.WriteString(items[i] ?? throw new AvroEncodeException($"{field}[]: null is not a valid string"));
            }
        }

        writer.WriteBlockCount(0);
    }

    public static string[] ReadStrings(ref AvroBinaryReader reader)
    {
        List<string>? items = null;
        long count;
        while ((count = reader.ReadBlockHeader(out _)) != 0)
        {
            if (count > reader.Remaining)
            {
                throw new AvroDecodeException($"array block of {count} items at offset {reader.Position} exceeds the {reader.Remaining} bytes left");
            }

            items ??= new List<string>((int)count);
            for (var i = 0L; i < count; i++)
            {
                items.Add(reader.ReadString());
            }
        }

        return items is null ? [] : [.. items];
    }

    /// <summary>A map of strings, the most common map, without a delegate call per entry.</summary>
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
                writer.WriteString(value ?? throw new AvroEncodeException($"{field}{{}}: null is not a valid string"));
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
            // Every entry takes at least two bytes (two lengths).
            if (count > reader.Remaining / 2)
            {
                throw new AvroDecodeException($"map block of {count} entries at offset {reader.Position} exceeds the {reader.Remaining} bytes left");
            }

            for (var i = 0L; i < count; i++)
            {
                // Later duplicates win, as in the generic reader: the encoding does not forbid them.
                map[reader.ReadString()] = reader.ReadString();
            }
        }

        return map;
    }

    public static void WriteMap<T>(AvroBinaryWriter writer, IReadOnlyDictionary<string, T>? map, Action<AvroBinaryWriter, T> writeValue, string field)
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
                writeValue(writer, value);
            }
        }

        writer.WriteBlockCount(0);
    }

    public static Dictionary<string, T> ReadMap<T>(ref AvroBinaryReader reader, ItemReader<T> readValue)
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        long count;
        while ((count = reader.ReadBlockHeader(out _)) != 0)
        {
            // Every entry's key takes at least one byte (its length).
            if (count > reader.Remaining)
            {
                throw new AvroDecodeException($"map block of {count} entries at offset {reader.Position} exceeds the {reader.Remaining} bytes left");
            }

            for (var i = 0L; i < count; i++)
            {
                // Later duplicates win, as in the generic reader: the encoding does not forbid them.
                var key = reader.ReadString();
                map[key] = readValue(ref reader);
            }
        }

        return map;
    }
}
