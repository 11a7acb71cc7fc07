using System.Buffers.Binary;
using System.Security.Cryptography;

namespace RecoStreams.Processors.Experiments;

/// <summary>
/// Request ids of served lists. Each is a time-ordered UUID: version 7 when the list was served in an experiment,
/// and the same layout with version 8 (RFC 9562's custom version) when it was served outside any experiment. So
/// feedback says by its request id alone that its list counts in no experiment, and attribution leaves it out
/// without looking for its exposure; feedback whose exposure is unknown (orphan, late) stays told apart from it.
/// Older request ids (all version 7) are still attributed through their exposures.
/// </summary>
public static class RequestIds
{
    private const char OutsideExperimentsVersion = '8';

    // Every read makes one: Guid.CreateVersion7 asks the OS for 16 random bytes each time (a system call on Linux),
    // so the 74 random bits come from a buffer per thread that the OS's cryptographic generator fills for many ids at once.
    private const int RandomBytesPerId = 10;
    private const int IdsPerRefill = 64;

    [ThreadStatic]
    private static byte[]? t_random;

    [ThreadStatic]
    private static int t_taken;

    /// <summary>A new request id ("D" format) for a list served in an experiment or outside any.</summary>
    public static string New(bool inExperiment)
    {
        var random = t_random;
        if (random is null || t_taken + RandomBytesPerId > random.Length)
        {
            random = t_random ??= new byte[RandomBytesPerId * IdsPerRefill];
            RandomNumberGenerator.Fill(random);
            t_taken = 0;
        }

        Span<byte> bytes = stackalloc byte[16];
        var bits = random.AsSpan(t_taken, RandomBytesPerId);
        t_taken += RandomBytesPerId;

        // RFC 9562 layout, big-endian: 48-bit Unix time in ms, version, 12 random bits, variant 10, 62 random bits.
        BinaryPrimitives.WriteInt64BigEndian(bytes, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() << 16);
        bytes[6] = (byte)(((inExperiment ? 7 : OutsideExperimentsVersion - '0') << 4) | (bits[0] & 0x0F));
        bytes[7] = bits[1];
        bytes[8] = (byte)(0x80 | (bits[2] & 0x3F));
        bits[3..].CopyTo(bytes[9..]);
        var id = new Guid(bytes, bigEndian: true);
        return string.Create(36, id, static (chars, id) => id.TryFormat(chars, out _, "D"));
    }

    /// <summary>Whether <paramref name="requestId"/> names a list served outside any experiment.</summary>
    public static bool IsOutsideExperiments(string requestId) =>
        Guid.TryParse(requestId, out var id) && id.Version == OutsideExperimentsVersion - '0';

    /// <summary>The same for a request id in UTF-8, as it sits in an encoded record, without making a string of it.</summary>
    public static bool IsOutsideExperiments(ReadOnlySpan<byte> utf8RequestId) =>
        Guid.TryParse(utf8RequestId, out var id) && id.Version == OutsideExperimentsVersion - '0';
}
