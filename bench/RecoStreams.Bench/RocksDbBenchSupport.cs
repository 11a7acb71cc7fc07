using System.Buffers.Binary;

namespace RecoStreams.Bench;

/// <summary>
/// Shared by the RocksDB benchmarks: keys and values shaped like the engine's state (16-byte keys spread
/// over the key space, 100-byte values), temp folders and option parsing.
/// </summary>
internal static class RocksDbBenchSupport
{
    public const int KeyBytes = 16;
    public const int ValueBytes = 100;

    /// <summary>Key i: a multiplicative hash first (so inserts are not in key order), then i to keep keys unique.</summary>
    public static byte[] Key(long i)
    {
        var key = new byte[KeyBytes];
        WriteKey(key, i);
        return key;
    }

    public static void WriteKey(Span<byte> key, long i)
    {
        BinaryPrimitives.WriteUInt64BigEndian(key, (ulong)i * 0x9E3779B97F4A7C15UL);
        BinaryPrimitives.WriteInt64BigEndian(key[8..], i);
    }

    public static byte[] Value(long i)
    {
        var value = new byte[ValueBytes];
        BinaryPrimitives.WriteInt64LittleEndian(value, i);
        return value;
    }

    public static string TempStateDirectory(string name) => Directory.CreateTempSubdirectory($"recostreams-bench-{name}-").FullName;

    public static string OptionValue(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    public static string? OptionValue(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
