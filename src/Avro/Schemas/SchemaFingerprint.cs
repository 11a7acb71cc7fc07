using System.Security.Cryptography;
using System.Text;

namespace RecoStreams.Avro.Schemas;

/// <summary>
/// Fingerprints of a schema's Parsing Canonical Form, as the spec defines them: the 64-bit Rabin
/// fingerprint (CRC-64-AVRO, used by single-object encoding), MD5 and SHA-256.
/// </summary>
public static class SchemaFingerprint
{
    /// <summary>The Rabin fingerprint of empty input, which is also the polynomial the table is built from.</summary>
    public const ulong RabinEmpty = 0xc15d213aa4d7a795UL;

    private static readonly ulong[] RabinTable = BuildRabinTable();

    /// <summary>The 64-bit Rabin fingerprint of the schema's canonical form.</summary>
    public static long Rabin(AvroSchema schema) => Rabin(Encoding.UTF8.GetBytes(schema.ToCanonicalForm()));

    /// <summary>The 64-bit Rabin fingerprint (CRC-64-AVRO) of arbitrary bytes.</summary>
    public static long Rabin(ReadOnlySpan<byte> data)
    {
        var fp = RabinEmpty;
        foreach (var b in data)
        {
            fp = (fp >> 8) ^ RabinTable[(int)(fp ^ b) & 0xff];
        }

        return unchecked((long)fp);
    }

    /// <summary>The MD5 digest (16 bytes) of the schema's canonical form.</summary>
    public static byte[] Md5(AvroSchema schema) => MD5.HashData(Encoding.UTF8.GetBytes(schema.ToCanonicalForm()));

    /// <summary>The SHA-256 digest (32 bytes) of the schema's canonical form.</summary>
    public static byte[] Sha256(AvroSchema schema) => SHA256.HashData(Encoding.UTF8.GetBytes(schema.ToCanonicalForm()));

    private static ulong[] BuildRabinTable()
    {
        var table = new ulong[256];
        for (var i = 0; i < table.Length; i++)
        {
            var fp = (ulong)i;
            for (var j = 0; j < 8; j++)
            {
                fp = (fp >> 1) ^ (RabinEmpty & (0UL - (fp & 1)));
            }

            table[i] = fp;
        }

        return table;
    }
}
