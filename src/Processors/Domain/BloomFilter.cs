using System.Text;

namespace RecoStreams.Processors.Domain;

/// <summary>
/// A fixed-size Bloom filter over string ids (FNV-1a 64 with double hashing). It answers "maybe seen"
/// for ids evicted from a profile's exact seen set, so long histories stay excluded in a few KiB.
/// False positives only hide an item from one user's list; there are no false negatives.
/// </summary>
public sealed class BloomFilter
{
    /// <summary>The largest filter a stored profile may ask for (1 MiB of words): a decoder must not let a few bytes claim more.</summary>
    public const int MaxBits = 1 << 23;

    private readonly int _wordCount;

    // Allocated on the first Add: most profiles never evict an id from their exact set, and an all-zero filter
    // written and read with every event was most of a profile's bytes (8 KiB by default).
    private ulong[]? _bits;

    public BloomFilter(int bitCount, int hashCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bitCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bitCount, MaxBits);
        ArgumentOutOfRangeException.ThrowIfLessThan(hashCount, 1);
        _wordCount = (bitCount + 63) / 64;
        HashCount = hashCount;
    }

    /// <summary>A filter with the given words (none: nothing added yet, allocated on the first Add).</summary>
    public BloomFilter(int bitCount, int hashCount, ulong[] bits)
        : this(bitCount, hashCount)
    {
        ArgumentNullException.ThrowIfNull(bits);
        if (bits.Length != 0 && bits.Length != _wordCount)
        {
            throw new ArgumentException($"{bits.Length} words do not hold {bitCount} bits.", nameof(bits));
        }

        _bits = bits.Length == 0 ? null : bits;
    }

    public int HashCount { get; }

    public int BitCount => _wordCount * 64;

    /// <summary>The filter's words; empty while nothing was added.</summary>
    public ReadOnlySpan<ulong> Bits => _bits;

    public bool IsEmpty => _bits is null || Array.TrueForAll(_bits, w => w == 0);

    public void Add(string id)
    {
        _bits ??= new ulong[_wordCount];
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
        if (_bits is null)
        {
            return false;
        }

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
