using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Avro;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.IO;
using RecoStreams.Processors.Experiments;
using RecoStreams.Topology.Mapping;
using RecoStreams.Topology.Wire;
using Xunit;
using ServedItem = RecoStreams.Processors.Experiments.ServedItem;

namespace RecoStreams.Topology.Tests.Wire;

public sealed class ExposureContractTests
{
    private static readonly Gen<string> Text = ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => s.Get);

    private static readonly Gen<string?> OptionalText = Gen.OneOf(Gen.Constant<string?>(null), Text.Select(s => (string?)s));

    private static readonly Gen<Exposure> Exposures =
        from id in ArbMap.Default.GeneratorFor<Guid>()
        from upper in ArbMap.Default.GeneratorFor<bool>()
        from user in Text
        from experiment in OptionalText
        from variant in OptionalText
        from model in OptionalText
        from algorithm in Text
        from items in (from item in Text from position in ArbMap.Default.GeneratorFor<int>() select new ServedItem(item, position)).ArrayOf()
        from servedAt in Gen.Choose(0, int.MaxValue).Select(s => s * 1_000L)
        select new Exposure(upper ? id.ToString("D").ToUpperInvariant() : id.ToString("D"), user, experiment, variant, model, algorithm, items, servedAt);

    [Fact]
    public void Writes_the_bytes_the_generated_contract_writes_for_the_mapped_record()
    {
        Prop.ForAll(Exposures.ToArbitrary(), exposure =>
                Encode(ExposureContract.Instance, exposure).AsSpan().SequenceEqual(
                    Encode(RecommendationServedContract.Instance, ExposureMapper.ToContract(exposure))))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Reads_back_what_it_wrote()
    {
        Prop.ForAll(Exposures.ToArbitrary(), exposure =>
            {
                var bytes = Encode(ExposureContract.Instance, exposure);
                var reader = new AvroBinaryReader(bytes);
                var read = ExposureContract.Instance.Read(ref reader);
                return read.RequestId == exposure.RequestId.ToLowerInvariant() && read.UserId == exposure.UserId
                    && read.ExperimentId == exposure.ExperimentId && read.Variant == exposure.Variant
                    && read.ModelVersion == exposure.ModelVersion && read.Algorithm == exposure.Algorithm
                    && read.Items.SequenceEqual(exposure.Items) && read.ServedAtMs == exposure.ServedAtMs;
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Has_the_registered_contracts_schema()
    {
        Assert.Equal(RecommendationServedContract.Instance.Fingerprint, ExposureContract.Instance.Fingerprint);
        Assert.Equal(RecommendationServedContract.Instance.Schema.ToString(), ExposureContract.Instance.Schema.ToString());
    }

    [Fact]
    public void A_request_id_that_is_not_a_uuid_is_an_encode_error()
    {
        var exposure = new Exposure("not-a-uuid", "u", null, null, null, "a", [], 0);

        Assert.Throws<AvroEncodeException>(() => Encode(ExposureContract.Instance, exposure));
    }

    private static byte[] Encode<T>(IAvroContract<T> contract, T value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        contract.Write(new AvroBinaryWriter(buffer), value);
        return buffer.WrittenSpan.ToArray();
    }
}
