using RecoStreams.Avro.Schemas;
using RecoStreams.Avro.WireFormat;
using Xunit;

namespace RecoStreams.Avro.Tests.WireFormat;

public sealed class ConfluentWireFormatTests
{
    [Fact]
    public void Header_is_magic_zero_then_big_endian_schema_id()
    {
        var header = new byte[5];

        ConfluentWireFormat.WriteHeader(header, 0x01020304);

        Assert.Equal(new byte[] { 0, 1, 2, 3, 4 }, header);
    }

    [Fact]
    public void Reading_a_header_returns_the_id_and_the_body_after_it()
    {
        byte[] message = [0, 0, 0, 1, 0, 42, 43];

        var body = ConfluentWireFormat.ReadHeader(message, out var id);

        Assert.Equal(256, id);
        Assert.Equal(new byte[] { 42, 43 }, body.ToArray());
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0, 0, 0, 1 })]
    public void A_message_shorter_than_the_header_is_rejected_as_too_short(byte[] message)
    {
        var error = Assert.Throws<AvroWireFormatException>(() => ConfluentWireFormat.ReadHeader(message, out _));

        Assert.Contains("too short", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_magic_byte_is_rejected_and_named()
    {
        var error = Assert.Throws<AvroWireFormatException>(() => ConfluentWireFormat.ReadHeader([1, 0, 0, 0, 1, 2], out _));

        Assert.Contains("magic byte 0x01", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Subject_names_follow_each_strategy()
    {
        var schema = AvroSchema.Parse("""{"type":"record","name":"EngagementEvent","namespace":"io.recostreams.events","fields":[]}""");

        Assert.Equal("engagement-events-value", SubjectNames.For(SubjectNameStrategy.TopicName, "engagement-events", false, schema));
        Assert.Equal("engagement-events-key", SubjectNames.For(SubjectNameStrategy.TopicName, "engagement-events", true, schema));
        Assert.Equal("io.recostreams.events.EngagementEvent", SubjectNames.For(SubjectNameStrategy.RecordName, "t", false, schema));
        Assert.Equal("t-io.recostreams.events.EngagementEvent", SubjectNames.For(SubjectNameStrategy.TopicRecordName, "t", false, schema));
    }

    [Fact]
    public void Record_strategies_refuse_a_non_record_schema()
    {
        Assert.Throws<ArgumentException>(() => SubjectNames.For(SubjectNameStrategy.RecordName, "t", true, AvroSchema.String));
        Assert.Equal("t-key", SubjectNames.For(SubjectNameStrategy.TopicName, "t", true, AvroSchema.String));
    }
}
