namespace RecoStreams.Streams.Tests.State;

/// <summary>
/// The reference order for model-based tests, written independently of <c>Bytes.CompareTo</c> so the
/// model does not share the code under test.
/// </summary>
internal sealed class UnsignedBytesComparer : IComparer<byte[]>
{
    public static UnsignedBytesComparer Instance { get; } = new();

    public int Compare(byte[]? x, byte[]? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            if (x[i] != y[i])
            {
                return x[i] < y[i] ? -1 : 1;
            }
        }

        return x.Length.CompareTo(y.Length);
    }
}
