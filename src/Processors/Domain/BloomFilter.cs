using System.Text;

namespace RecoStreams.Processors.Domain;

/// <summary>
/// A fixed-size Bloom filter over string ids (FNV-1a 64 with double hashing). It answers "maybe seen"
/// for ids evicted from a profile's exact seen set, so long histories stay excluded in a few KiB.
/// False positives only hide an item from one user's list; there are no false negatives.
/// </summary>
public sealed class BloomFilter
{
    private readonly ulong[] _bits;

    public BloomFilter(int bitCount, int hashCount)
        : this(new ulong[Math.Max(1, (bitCount + 63) / 64)], hashCount)
    {
    }

    public BloomFilter(ulong[] bits, int hashCount)
    {
        ArgumentNullException.ThrowIfNull(bits);
        ArgumentOutOfRangeException.ThrowIfLessThan(hashCount, 1);
        _bits = bits;
        HashCount = hashCount;
    }

    public int HashCount { get; }

    public ReadOnlySpan<ulong> Bits => _bits;

    public bool IsEmpty => Array.TrueForAll(_bits, w => w == 0);

    public void Add(string id)
    {
        var (h1, h2) = Hashes(id);
        var m = (ulong)_bits.Length * 64;
        for (var i = 0; i < HashCount; i++)
        {
            var bit = (h1 + ((ulong)i * h2)) % m;
            _bits[bit / 64] |= 1UL << (int)(bit % 64);
        }
    }

    public bool MightContain(string id)
    {
        var (h1, h2) = Hashes(id);
        var m = (ulong)_bits.Length * 64;
        for (var i = 0; i < HashCount; i++)
        {
            var bit = (h1 + ((ulong)i * h2)) % m;
            if ((_bits[bit / 64] & (1UL << (int)(bit % 64))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static (ulong H1, ulong H2) Hashes(string id)
    {
        const ulong offset = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var h = offset;
        foreach (var b in Encoding.UTF8.GetBytes(id))
        {
            h = (h ^ b) * prime;
        }

        // The second hash must be odd so that successive probes cover the whole bit range.
        var h2 = ((h >> 32) | (h << 32)) * prime | 1UL;
        return (h, h2);
    }
}
