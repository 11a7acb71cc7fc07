using System.Runtime.CompilerServices;
using RecoStreams.Avro.Generic;
using RecoStreams.Avro.IO;
using RecoStreams.Avro.Resolution;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Contracts;

/// <summary>
/// Decodes data written with any compatible version of a contract's schema. When the writer schema
/// has the contract's fingerprint the generated reader runs directly; otherwise the core's
/// <see cref="ResolvingDatumReader"/> resolves writer to reader and the generic result is mapped.
/// The choice is made once per writer schema instance and remembered; thread-safe.
/// </summary>
/// <typeparam name="T">The .NET type of the datum.</typeparam>
public sealed class AvroContractDecoder<T>
{
    private readonly IAvroContract<T> _contract;
    private readonly AvroReaderOptions _options;

    // Keyed by schema instance: callers (the wire-format deserializer) keep one instance per
    // schema id, and a weak table lets plans die with schemas nobody holds any more.
    private readonly ConditionalWeakTable<AvroSchema, DecodePlan> _plans = [];

    /// <summary>Creates a decoder for <paramref name="contract"/>.</summary>
    public AvroContractDecoder(IAvroContract<T> contract, AvroReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(contract);
        _contract = contract;
        _options = options ?? AvroReaderOptions.Default;
    }

    /// <summary>The contract values are decoded into.</summary>
    public IAvroContract<T> Contract => _contract;

    /// <summary>Decodes exactly one datum written with <paramref name="writerSchema"/>; trailing bytes are an error.</summary>
    /// <exception cref="AvroDecodeException">The input is malformed, truncated or has trailing bytes.</exception>
    /// <exception cref="AvroSchemaException">The writer schema cannot be resolved to the contract's schema.</exception>
    public T Decode(ReadOnlySpan<byte> encoded, AvroSchema writerSchema)
    {
        ArgumentNullException.ThrowIfNull(writerSchema);
        var plan = _plans.GetValue(writerSchema, CreatePlan);
        if (plan.Resolver is { } resolver)
        {
            var generic = resolver.Read(encoded) as GenericRecord
                ?? throw new AvroDecodeException($"resolved value is not a record of {_contract.Schema}");
            return _contract.FromGeneric(generic);
        }

        var reader = new AvroBinaryReader(encoded);
        var value = _contract.Read(ref reader);
        return reader.IsAtEnd ? value
            : throw new AvroDecodeException($"{reader.Remaining} unexpected bytes after the datum at offset {reader.Position}");
    }

    /// <summary>True when data of <paramref name="writerSchema"/> is read by the generated fast path.</summary>
    public bool IsFastPath(AvroSchema writerSchema) => _plans.GetValue(writerSchema, CreatePlan).Resolver is null;

    private DecodePlan CreatePlan(AvroSchema writerSchema) =>
        SchemaFingerprint.Rabin(writerSchema) == _contract.Fingerprint
            ? new DecodePlan(null)
            : new DecodePlan(new ResolvingDatumReader(writerSchema, _contract.Schema, _options));

    private sealed record DecodePlan(ResolvingDatumReader? Resolver);
}
