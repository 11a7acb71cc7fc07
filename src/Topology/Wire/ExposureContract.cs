using RecoStreams.Avro;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Contracts.Internal;
using RecoStreams.Avro.Generic;
using RecoStreams.Avro.IO;
using RecoStreams.Avro.Schemas;
using RecoStreams.Processors.Experiments;
using RecoStreams.Topology.Mapping;
using Contract = RecoStreams.Avro.Contracts;

namespace RecoStreams.Topology.Wire;

/// <summary>
/// RecommendationServed, the registered contract (same schema, same bytes), written straight from the domain's
/// <see cref="Exposure"/>. The host serialises every served list, so writing skips the generated record the mapping
/// would build first (a copy of the items and a parsed request id per exposure). Reading and the generic bridge are
/// rare and go through the generated contract.
/// </summary>
public sealed class ExposureContract : IAvroContract<Exposure>
{
    public static readonly ExposureContract Instance = new();

    private const int RequestIdLength = 36;

    private static Contract.RecommendationServedContract Served => Contract.RecommendationServedContract.Instance;

    private ExposureContract()
    {
    }

    public AvroSchema Schema => Served.Schema;

    public long Fingerprint => Served.Fingerprint;

    public void Write(AvroBinaryWriter writer, Exposure value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        // The uuid is written as the contract writes a Guid: parsed, then in lower-case "D" form.
        Span<char> requestId = stackalloc char[RequestIdLength];
        if (!Guid.TryParseExact(value.RequestId, "D", out var id) || !id.TryFormat(requestId, out _, "D"))
        {
            throw new AvroEncodeException($"request_id: '{value.RequestId}' is not a UUID");
        }

        writer.WriteString(requestId);
        ContractBinary.WriteRequired(writer, value.UserId, "user_id");
        WriteOptional(writer, value.ExperimentId);
        WriteOptional(writer, value.Variant);
        WriteOptional(writer, value.ModelVersion);
        ContractBinary.WriteRequired(writer, value.Algorithm, "algorithm");
        var items = value.Items ?? throw new AvroEncodeException("items: null is not a valid array");
        if (items.Count > 0)
        {
            writer.WriteBlockCount(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                ContractBinary.WriteRequired(writer, items[i].ItemId, "items[].item_id");
                writer.WriteInt(items[i].Position);
            }
        }

        writer.WriteBlockCount(0);
        writer.WriteLong(value.ServedAtMs);
    }

    public Exposure Read(ref AvroBinaryReader reader) => ExposureMapper.ToDomain(Served.Read(ref reader));

    public GenericRecord ToGeneric(Exposure value) => Served.ToGeneric(ExposureMapper.ToContract(value));

    public Exposure FromGeneric(GenericRecord record) => ExposureMapper.ToDomain(Served.FromGeneric(record));

    // ["null", "string"]: branch 0 is null.
    private static void WriteOptional(AvroBinaryWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteUnionIndex(0);
            return;
        }

        writer.WriteUnionIndex(1);
        writer.WriteString(value);
    }
}
