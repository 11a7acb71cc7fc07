using System.Buffers.Binary;
using System.Runtime.InteropServices;
using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;

namespace RecoStreams.Processors.Serdes;

/// <summary>Field encodings shared by the store serdes.</summary>
internal static class BinaryFields
{
    public static void WriteNullable(this BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null)
        {
            w.Write(value);
        }
    }

    public static string? ReadNullableString(this BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    public static void WriteNullable(this BinaryWriter w, double? value)
    {
        w.Write(value.HasValue);
        if (value is { } v)
        {
            w.Write(v);
        }
    }

    public static double? ReadNullableDouble(this BinaryReader r) => r.ReadBoolean() ? r.ReadDouble() : null;

    public static void WriteNullable(this BinaryWriter w, long? value)
    {
        w.Write(value.HasValue);
        if (value is { } v)
        {
            w.Write(v);
        }
    }

    public static long? ReadNullableLong(this BinaryReader r) => r.ReadBoolean() ? r.ReadInt64() : null;

    public static void WriteNullable(this BinaryWriter w, int? value)
    {
        w.Write(value.HasValue);
        if (value is { } v)
        {
            w.Write(v);
        }
    }

    public static int? ReadNullableInt(this BinaryReader r) => r.ReadBoolean() ? r.ReadInt32() : null;

    public static void WriteList<T>(this BinaryWriter w, IReadOnlyCollection<T> items, Action<BinaryWriter, T> write)
    {
        w.Write7BitEncodedInt(items.Count);
        foreach (var item in items)
        {
            write(w, item);
        }
    }

    public static List<T> ReadList<T>(this BinaryReader r, Func<BinaryReader, T> read)
    {
        var count = r.Read7BitEncodedInt();
        if (count < 0 || count > r.BaseStream.Length - r.BaseStream.Position)
        {
            throw new FormatException($"list length {count} exceeds the remaining bytes");
        }

        var items = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            items.Add(read(r));
        }

        return items;
    }

    /// <summary>
    /// A list of 64-bit words, as <see cref="WriteList{T}"/> writes it (7-bit count, then each word little-endian),
    /// in one block: a profile's 8 KiB Bloom filter is written and read on every event.
    /// </summary>
    public static void WriteWords(this BinaryWriter w, ReadOnlySpan<ulong> words)
    {
        w.Write7BitEncodedInt(words.Length);
        if (BitConverter.IsLittleEndian)
        {
            w.Write(MemoryMarshal.AsBytes(words));
            return;
        }

        foreach (var word in words)
        {
            w.Write(word);
        }
    }

    public static ulong[] ReadWords(this BinaryReader r)
    {
        var count = r.Read7BitEncodedInt();
        if (count < 0 || count > (r.BaseStream.Length - r.BaseStream.Position) / sizeof(ulong))
        {
            throw new FormatException($"word count {count} exceeds the remaining bytes");
        }

        var words = new ulong[count];
        if (r.Read(MemoryMarshal.AsBytes(words.AsSpan())) != count * sizeof(ulong))
        {
            throw new EndOfStreamException();
        }

        if (!BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.ReverseEndianness(words, words);
        }

        return words;
    }

    public static void WriteStrings(this BinaryWriter w, IReadOnlyCollection<string> items) => w.WriteList(items, static (w, s) => w.Write(s));

    public static List<string> ReadStrings(this BinaryReader r) => r.ReadList(static r => r.ReadString());

    public static void Write(this BinaryWriter w, DecayedScore score)
    {
        w.Write(score.Value);
        w.Write(score.AtMs);
    }

    public static DecayedScore ReadDecayedScore(this BinaryReader r) => new(r.ReadDouble(), r.ReadInt64());

    public static void WriteScores(this BinaryWriter w, IReadOnlyCollection<KeyValuePair<string, DecayedScore>> scores) =>
        w.WriteList(scores, static (w, kv) =>
        {
            w.Write(kv.Key);
            w.Write(kv.Value);
        });

    public static void ReadScoresInto(this BinaryReader r, Dictionary<string, DecayedScore> target)
    {
        foreach (var (key, score) in r.ReadList(static r => (r.ReadString(), r.ReadDecayedScore())))
        {
            target[key] = score;
        }
    }

    public static void ReadScoresInto(this BinaryReader r, CoCounts target)
    {
        var scores = r.ReadList(static r => (r.ReadString(), r.ReadDecayedScore()));
        target.EnsureCapacity(scores.Count);
        foreach (var (key, score) in scores)
        {
            target.Set(key, score);
        }
    }

    public static void Write(this BinaryWriter w, EngagementEvent e)
    {
        w.Write(e.EventId);
        w.Write(e.UserId);
        w.Write(e.ItemId);
        w.Write((int)e.Type);
        w.Write(e.OccurredAtMs);
        w.WriteNullable(e.Rating);
        w.WriteNullable(e.WatchSeconds);
        w.WriteNullable(e.ItemDurationSeconds);
        w.WriteNullable(e.SessionId);
    }

    public static EngagementEvent ReadEngagementEvent(this BinaryReader r) => new(
        r.ReadString(),
        r.ReadString(),
        r.ReadString(),
        (EventType)r.ReadInt32(),
        DateTimeOffset.FromUnixTimeMilliseconds(r.ReadInt64()),
        r.ReadNullableDouble(),
        r.ReadNullableDouble(),
        r.ReadNullableDouble(),
        r.ReadNullableString());
}
