using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Avro.IO;
using RecoStreams.Avro.WireFormat;
using RecoStreams.Processors.Experiments;
using RecoStreams.Streams.Runtime;
using RecoStreams.Topology.Wire;
using Xunit;
using ServedItem = RecoStreams.Processors.Experiments.ServedItem;

namespace RecoStreams.Topology.Tests.Wire;

public sealed class ServedRecordsTests
{
    private static readonly Gen<string> Text = ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => s.Get);

    // Request ids as the host makes them, and arbitrary UUIDs (any version, either case).
    private static readonly Gen<string> RequestIdsAnyKind = Gen.OneOf(
        ArbMap.Default.GeneratorFor<bool>().Select(inExperiment => RequestIds.New(inExperiment)),
        from id in ArbMap.Default.GeneratorFor<Guid>()
        from upper in ArbMap.Default.GeneratorFor<bool>()
        select upper ? id.ToString("D").ToUpperInvariant() : id.ToString("D"));

    private static readonly Gen<(Exposure Exposure, int SchemaId)> Encoded =
        from requestId in RequestIdsAnyKind
        from user in Text
        from experiment in Gen.OneOf(Gen.Constant<string?>(null), Text.Select(s => (string?)s))
        from items in (from item in Text from position in Gen.Choose(1, 100) select new ServedItem(item, position)).ArrayOf()
        from schemaId in Gen.Choose(0, int.MaxValue)
        select (new Exposure(requestId, user, experiment, null, null, "algorithm", items, 1_000), schemaId);

    [Fact]
    public void An_encoded_exposure_is_outside_any_experiment_exactly_when_its_request_id_says_so()
    {
        Prop.ForAll(Encoded.ToArbitrary(), encoded =>
                ServedRecords.IsOutsideExperiments(Framed(encoded.Exposure, encoded.SchemaId))
                == RequestIds.IsOutsideExperiments(encoded.Exposure.RequestId))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_consumed_record_is_told_by_its_value_alone_and_a_tombstone_is_not_passed_over()
    {
        var outside = Framed(new Exposure(RequestIds.New(inExperiment: false), "u", null, null, null, "a", [], 1), schemaId: 3);
        var inside = Framed(new Exposure(RequestIds.New(inExperiment: true), "u", "exp", "control", null, "a", [], 1), schemaId: 3);

        Assert.True(ServedRecords.IsOutsideExperiments(Consumed(outside)));
        Assert.False(ServedRecords.IsOutsideExperiments(Consumed(inside)));
        Assert.False(ServedRecords.IsOutsideExperiments(Consumed(null)));
    }

    [Fact]
    public void A_value_in_another_layout_is_not_passed_over()
    {
        var outside = Framed(new Exposure(RequestIds.New(inExperiment: false), "u", null, null, null, "a", [new ServedItem("i", 1)], 1), schemaId: 3);
        var otherMagic = outside.ToArray();
        otherMagic[0] = 1;
        var otherLength = outside.ToArray();
        otherLength[ConfluentWireFormat.HeaderLength] = 70;

        Assert.All(Enumerable.Range(0, 42), length => Assert.False(ServedRecords.IsOutsideExperiments(outside.AsSpan(0, length))));
        Assert.True(ServedRecords.IsOutsideExperiments(outside.AsSpan(0, 42)));
        Assert.False(ServedRecords.IsOutsideExperiments(otherMagic));
        Assert.False(ServedRecords.IsOutsideExperiments(otherLength));
    }

    /// <summary>The exposure as the host writes it: Confluent framing, then RecommendationServed.</summary>
    private static byte[] Framed(Exposure exposure, int schemaId)
    {
        var buffer = new ArrayBufferWriter<byte>();
        ConfluentWireFormat.WriteHeader(buffer.GetSpan(ConfluentWireFormat.HeaderLength), schemaId);
        buffer.Advance(ConfluentWireFormat.HeaderLength);
        ExposureContract.Instance.Write(new AvroBinaryWriter(buffer), exposure);
        return buffer.WrittenSpan.ToArray();
    }

    private static ConsumedRecord Consumed(byte[]? value) =>
        new(RecoTopics.RecommendationServed, 0, 0, 1, "u"u8.ToArray(), value, Headers: null);
}
