using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Streams.RocksDb.Iteration;
using RecoStreams.Streams.State;
using Xunit;

namespace RecoStreams.Streams.RocksDb.Tests.Iteration;

public sealed class KeyBoundsTests
{
    // Bytes from a three-value alphabet including both extremes, so 0xFF runs and empty keys are common.
    private static readonly Gen<byte[]> SmallKeys =
        Gen.Elements<byte>(0x00, 0x7F, 0xFF).ArrayOf().Where(a => a.Length <= 4);

    [Fact]
    public void Successor_is_the_key_followed_by_a_zero_byte()
    {
        Assert.Equal([0x01, 0x00], KeyBounds.Successor([0x01]));
        Assert.Equal([0x00], KeyBounds.Successor([]));
    }

    [Fact]
    public void Prefix_upper_bound_drops_trailing_ff_bytes_and_increments()
    {
        Assert.Equal([0x01, 0x03], KeyBounds.PrefixUpperBound([0x01, 0x02]));
        Assert.Equal([0x02], KeyBounds.PrefixUpperBound([0x01, 0xFF, 0xFF]));
        Assert.Null(KeyBounds.PrefixUpperBound([0xFF, 0xFF]));
        Assert.Null(KeyBounds.PrefixUpperBound([]));
    }

    [Fact]
    public void A_key_starts_with_the_prefix_exactly_when_it_lies_between_prefix_and_upper_bound()
    {
        Prop.ForAll(SmallKeys.ToArbitrary(), SmallKeys.ToArbitrary(), (prefix, key) =>
        {
            var bound = KeyBounds.PrefixUpperBound(prefix);
            var inRange = Bytes.Compare(key, prefix) >= 0 && (bound is null || Bytes.Compare(key, bound) < 0);
            return inRange == key.AsSpan().StartsWith(prefix);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Nothing_lies_strictly_between_a_key_and_its_successor()
    {
        Prop.ForAll(SmallKeys.ToArbitrary(), SmallKeys.ToArbitrary(), (key, other) =>
        {
            var successor = KeyBounds.Successor(key);
            return Bytes.Compare(other, key) <= 0 || Bytes.Compare(other, successor) >= 0;
        }).QuickCheckThrowOnFailure();
    }
}
