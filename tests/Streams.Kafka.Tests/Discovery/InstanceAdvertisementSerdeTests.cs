using System.Text;
using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.Kafka.Discovery;
using RecoStreams.Streams.Processor;
using Xunit;

namespace RecoStreams.Streams.Kafka.Tests.Discovery;

public sealed class InstanceAdvertisementSerdeTests
{
    [Fact]
    public void Any_advertisement_survives_a_round_trip()
    {
        var tasks = Gen.Zip(Gen.Choose(0, 20), Gen.Choose(0, 500)).Select(t => new TaskId(t.Item1, t.Item2)).ListOf();
        var advertisements =
            from endpoint in ArbMap.Default.GeneratorFor<NonWhiteSpaceString>()
            from hosted in tasks
            from state in Gen.Elements(Enum.GetValues<KafkaStreamsState>())
            from timestamp in ArbMap.Default.GeneratorFor<long>()
            select new InstanceAdvertisement(endpoint.Get, [.. hosted], state, timestamp);
        var prop = Prop.ForAll(advertisements.ToArbitrary(), ad =>
        {
            var back = InstanceAdvertisementSerde.Deserialize(InstanceAdvertisementSerde.Serialize(ad));
            return back.Endpoint == ad.Endpoint && back.Tasks.SequenceEqual(ad.Tasks) && back.State == ad.State && back.TimestampMs == ad.TimestampMs;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), prop);
    }

    [Fact]
    public void The_wire_format_is_plain_json_other_tools_can_read()
    {
        var json = Encoding.UTF8.GetString(InstanceAdvertisementSerde.Serialize(
            new InstanceAdvertisement("10.0.0.5:8080", [new TaskId(1, 0), new TaskId(1, 3)], KafkaStreamsState.Running, 1_700_000_000_000)));

        Assert.Equal("""{"endpoint":"10.0.0.5:8080","tasks":["1_0","1_3"],"state":"Running","timestamp_ms":1700000000000}""", json);
    }

    [Fact]
    public void Fields_added_by_a_newer_version_are_ignored()
    {
        var ad = InstanceAdvertisementSerde.Deserialize(
            """{"endpoint":"a:1","tasks":["0_2"],"state":"Rebalancing","timestamp_ms":5,"standby_tasks":["0_1"]}"""u8);

        Assert.Equal(new TaskId(0, 2), Assert.Single(ad.Tasks));
        Assert.Equal(KafkaStreamsState.Rebalancing, ad.State);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("""{"tasks":["0_1"],"state":"Running","timestamp_ms":1}""")]
    [InlineData("""{"endpoint":"a:1","state":"Running","timestamp_ms":1}""")]
    [InlineData("""{"endpoint":"a:1","tasks":["zero_one"],"state":"Running","timestamp_ms":1}""")]
    [InlineData("""{"endpoint":"a:1","tasks":[],"state":"Sleeping","timestamp_ms":1}""")]
    public void Malformed_values_are_a_format_error_naming_the_problem(string value)
    {
        var error = Assert.Throws<FormatException>(() => InstanceAdvertisementSerde.Deserialize(Encoding.UTF8.GetBytes(value)));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
