using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Streams.Dsl;
using RecoStreams.Streams.Serialization;
using Xunit;

namespace RecoStreams.Streams.Tests.Dsl;

public sealed class ValueListSerdeTests
{
    private static readonly SerdeContext Ctx = new("app-attribution-this-join-changelog", IsKey: false);

    [Fact]
    public void Any_list_of_values_round_trips()
    {
        var serde = new ValueListSerde<string>(Serdes.String);
        Prop.ForAll(Gen.Elements("", "a", "ü-ñ", "item-42").ArrayOf().ToArbitrary(), (string[] values) =>
                serde.Deserialize(serde.Serialize(values, Ctx), Ctx).SequenceEqual(values))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Truncated_bytes_or_a_length_beyond_them_are_rejected_without_allocating_it()
    {
        var serde = new ValueListSerde<string>(Serdes.String);
        var bytes = serde.Serialize(["abc", "de"], Ctx);

        // Cut at the end of "abc" (4-byte length + 3 bytes) the bytes are a complete one-element list; anywhere else they are truncated.
        Prop.ForAll(Gen.Choose(1, bytes.Length - 1).ToArbitrary(), (int cut) =>
            {
                try
                {
                    return serde.Deserialize(bytes.AsSpan(0, cut), Ctx).SequenceEqual(["abc"]) && cut == 7;
                }
                catch (SerializationException)
                {
                    return true;
                }
            })
            .QuickCheckThrowOnFailure();
        byte[] hostile = [0x7F, 0xFF, 0xFF, 0xFF, 1];
        Assert.Throws<SerializationException>(() => serde.Deserialize(hostile, Ctx));
    }
}
