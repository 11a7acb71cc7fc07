using System.Buffers.Binary;
using System.Text;
using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Evaluation;

/// <summary>
/// A seeded sample of a log's users with every event of each, so a release far larger than ml-latest-small (ml-25m,
/// ml-32m) is evaluated in bounded time and memory. Users are ranked by a 64-bit FNV-1a hash of the seed and their id
/// (the same on every run and machine, unlike string.GetHashCode) and the lowest ranks are kept, so a larger sample
/// holds every smaller one of the same seed. The log keeps its order.
/// </summary>
public static class UserSample
{
    public static List<EngagementEvent> Keep(IReadOnlyList<EngagementEvent> log, int users, int seed)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentOutOfRangeException.ThrowIfNegative(users);
        var kept = log.Select(e => e.UserId)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(user => Rank(user, seed))
            .ThenBy(user => user, StringComparer.Ordinal)
            .Take(users)
            .ToHashSet(StringComparer.Ordinal);
        return [.. log.Where(e => kept.Contains(e.UserId))];
    }

    /// <summary>A user's place in the seed's order: <see cref="Fnv1a64"/> of the seed (4 bytes, little-endian) then the id's UTF-8.</summary>
    public static ulong Rank(string userId, int seed)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var bytes = new byte[sizeof(int) + Encoding.UTF8.GetByteCount(userId)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, seed);
        Encoding.UTF8.GetBytes(userId, bytes.AsSpan(sizeof(int)));
        return Fnv1a64(bytes);
    }

    /// <summary>The 64-bit FNV-1a hash.</summary>
    public static ulong Fnv1a64(ReadOnlySpan<byte> bytes)
    {
        const ulong offsetBasis = 14695981039346656037;
        const ulong prime = 1099511628211;
        var hash = offsetBasis;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * prime;
        }

        return hash;
    }
}
