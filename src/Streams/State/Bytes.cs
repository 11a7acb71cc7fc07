namespace RecoStreams.Streams.State;

/// <summary>
/// A byte-array key with value equality and unsigned lexicographic order, the order RocksDB and
/// Kafka Streams' byte stores iterate in. The array must not be mutated after wrapping.
/// </summary>
public readonly struct Bytes : IEquatable<Bytes>, IComparable<Bytes>
{
    private readonly byte[]? _data;

    public Bytes(byte[] data) => _data = data ?? throw new ArgumentNullException(nameof(data));

    public byte[] Get() => _data ?? [];

    public ReadOnlySpan<byte> Span => _data;

    public int Length => _data?.Length ?? 0;

    public static Bytes Wrap(byte[] data) => new(data);

    public static int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => a.SequenceCompareTo(b);

    public int CompareTo(Bytes other) => Span.SequenceCompareTo(other.Span);

    public bool Equals(Bytes other) => Span.SequenceEqual(other.Span);

    public override bool Equals(object? obj) => obj is Bytes other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Span);
        return hash.ToHashCode();
    }

    public bool StartsWith(Bytes prefix) => Span.StartsWith(prefix.Span);

    /// <summary>from &lt;= this &lt;= to and starts with <paramref name="prefix"/>; a null bound or prefix does not restrict.</summary>
    public bool IsWithin(Bytes? from, Bytes? to, Bytes? prefix) =>
        (from is null || this >= from.Value) && (to is null || this <= to.Value) && (prefix is null || StartsWith(prefix.Value));

    public override string ToString() => Convert.ToHexString(Span);

    public static bool operator ==(Bytes left, Bytes right) => left.Equals(right);

    public static bool operator !=(Bytes left, Bytes right) => !left.Equals(right);

    public static bool operator <(Bytes left, Bytes right) => left.CompareTo(right) < 0;

    public static bool operator >(Bytes left, Bytes right) => left.CompareTo(right) > 0;

    public static bool operator <=(Bytes left, Bytes right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Bytes left, Bytes right) => left.CompareTo(right) >= 0;
}
