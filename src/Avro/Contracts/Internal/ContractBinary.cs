using RecoStreams.Avro.IO;

namespace RecoStreams.Avro.Contracts.Internal;

/// <summary>Reads one array item.</summary>
internal delegate T ItemReader<out T>(ref AvroBinaryReader reader);

/// <summary>
/// Binary building blocks shared by the hand-written contract codecs: logical types, optional
/// (null-first union) values, and arrays and maps of the shapes the contracts use.
/// </summary>
internal static class ContractBinary
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

    public static void WriteOptionalTimestamp(AvroBinaryWriter writer, DateTimeOffset? value)
    {
        writer.WriteUnionIndex(value.HasValue ? 1 : 0);
        if (value.HasValue)
        {
            WriteTimestamp(writer, value.Value);
        }
    }

    public static DateTimeOffset? ReadOptionalTimestamp(ref AvroBinaryReader reader) =>
        reader.ReadUnionIndex(2) == 0 ? null : ReadTimestamp(ref reader);

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

    public static T[] ReadArray<T>(ref AvroBinaryReader reader, ItemReader<T> readItem)
    {
        List<T>? items = null;
        long count;
        while ((count = reader.ReadBlockHeader(out _)) != 0)
        {
            // Every item of the contracts' arrays takes at least one byte, so a count beyond the
            // remaining input is corrupt; checking first keeps a hostile count from allocating.
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
                // Later duplicates win, as in the generic reader: the encoding does not forbid them.
                map[reader.ReadString()] = reader.ReadString();
            }
        }

        return map;
    }
}
