using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry;
using RecoStreams.Avro.WireFormat;
using RecoStreams.Streams.Serialization;

namespace RecoStreams.Topology.Wire;

/// <summary>
/// A streams serde for one of RecoStreams' Avro contracts in Confluent's wire format, mapped to and
/// from the domain type, so stock Confluent deserializers read what RecoStreams writes and the
/// domain never sees Avro. Decoding resolves any registered writer schema to the reader's.
/// </summary>
public sealed class ConfluentAvroSerde<TContract, TDomain> : ISerde<TDomain>
{
    private readonly ConfluentAvroSerializer<TContract> _serializer;
    private readonly ConfluentAvroDeserializer<TContract> _deserializer;
    private readonly Func<TDomain, TContract> _toContract;
    private readonly Func<TContract, TDomain> _toDomain;

    public ConfluentAvroSerde(
        IAvroContract<TContract> contract,
        ISchemaRegistryClient registry,
        Func<TDomain, TContract> toContract,
        Func<TContract, TDomain> toDomain,
        ConfluentAvroSerializerOptions? options = null)
    {
        _serializer = new ConfluentAvroSerializer<TContract>(contract, registry, options);
        _deserializer = new ConfluentAvroDeserializer<TContract>(contract, registry);
        _toContract = toContract;
        _toDomain = toDomain;
    }

    public byte[] Serialize(TDomain value, in SerdeContext context) =>
        _serializer.Serialize(_toContract(value), context.Topic, context.IsKey);

    public TDomain Deserialize(ReadOnlySpan<byte> data, in SerdeContext context) =>
        _toDomain(_deserializer.Deserialize(data));
}
