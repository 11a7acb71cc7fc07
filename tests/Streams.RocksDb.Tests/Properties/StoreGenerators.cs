using FsCheck;
using FsCheck.Fluent;

namespace RecoStreams.Streams.RocksDb.Tests.Properties;

/// <summary>
/// Generators over a deliberately tiny key space: keys of 0-3 bytes drawn from {0x00, 0x01, 0xFF}, so
/// overwrites, shared prefixes, empty keys and 0xFF edges (prefix bounds) all happen often.
/// </summary>
internal static class StoreGenerators
{
    private static readonly byte[] Alphabet = [0x00, 0x01, 0xFF];

    // 1 + 3 + 9 + 27 keys of length 0..3.
    private const int KeyCount = 40;

    public static Gen<byte[]> Key { get; } = Gen.Choose(0, KeyCount - 1).Select(KeyFromCode);

    public static Gen<byte[]?> OptionalKey { get; } = Gen.Frequency((1, Gen.Constant<byte[]?>(null)), (3, Key.Select(k => (byte[]?)k)));

    public static Gen<byte[]> Value { get; } = Gen.Choose(0, 255).Select(i => new[] { (byte)i, (byte)(i * 7) });

    /// <summary>A value, or null (a tombstone) one time in five.</summary>
    public static Gen<byte[]?> OptionalValue { get; } = Gen.Frequency((1, Gen.Constant<byte[]?>(null)), (4, Value.Select(v => (byte[]?)v)));

    public static string Hex(byte[]? bytes) => bytes is null ? "null" : Convert.ToHexString(bytes);

    private static byte[] KeyFromCode(int code)
    {
        var length = 0;
        var count = 1;
        while (code >= count)
        {
            code -= count;
            length++;
            count *= Alphabet.Length;
        }

        var key = new byte[length];
        for (var i = length - 1; i >= 0; i--)
        {
            key[i] = Alphabet[code % Alphabet.Length];
            code /= Alphabet.Length;
        }

        return key;
    }
}
