using System.Collections.Concurrent;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Generic;
using RecoStreams.Avro.Registry;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.WireFormat;

/// <summary>
/// Reads Confluent wire-format messages into <typeparamref name="T"/>: the writer schema is fetched
/// by the id in the header (once per id, then cached) and resolved to the contract's schema, so data
/// written with older or newer compatible schemas reads correctly. Thread-safe.
/// </summary>
/// <typeparam name="T">The .NET type read.</typeparam>
public sealed class ConfluentAvroDeserializer<T>
{
    private readonly ISchemaRegistryClient _registry;
    private readonly AvroContractDecoder<T> _decoder;
    private readonly ConcurrentDictionary<int, AvroSchema> _writerSchemas = new();

    /// <summary>Creates a deserializer reading into <paramref name="contract"/>'s schema.</summary>
    public ConfluentAvroDeserializer(IAvroContract<T> contract, ISchemaRegistryClient registry, AvroReaderOptions? readerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _decoder = new AvroContractDecoder<T>(contract, readerOptions);
    }

    /// <summary>
    /// Deserializes <paramref name="message"/>. Waits for the registry only the first time a schema id is seen.
    /// </summary>
    /// <exception cref="AvroWireFormatException">The message is too short or has a bad magic byte.</exception>
    /// <exception cref="UnknownSchemaIdException">The registry does not know the header's schema id.</exception>
    /// <exception cref="AvroDecodeException">The body is not valid for the writer schema.</exception>
    /// <exception cref="AvroSchemaException">The writer schema cannot be resolved to the contract's schema.</exception>
    public T Deserialize(ReadOnlySpan<byte> message)
    {
        var body = ConfluentWireFormat.ReadHeader(message, out var schemaId);
        var writerSchema = _writerSchemas.TryGetValue(schemaId, out var known) ? known
            : FetchWriterSchemaAsync(schemaId, CancellationToken.None).ConfigureAwait(false).GetAwaiter().GetResult();
        return _decoder.Decode(body, writerSchema);
    }

    /// <summary>Deserializes <paramref name="message"/>, fetching an unseen writer schema without blocking.</summary>
    public async ValueTask<T> DeserializeAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        ConfluentWireFormat.ReadHeader(message.Span, out var schemaId);
        if (!_writerSchemas.ContainsKey(schemaId))
        {
            await FetchWriterSchemaAsync(schemaId, cancellationToken).ConfigureAwait(false);
        }

        return Deserialize(message.Span);
    }

    private async Task<AvroSchema> FetchWriterSchemaAsync(int schemaId, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await _registry.GetSchemaByIdAsync(schemaId, cancellationToken).ConfigureAwait(false);
        }
        catch (SchemaRegistryException e) when (e.ErrorCode == SchemaRegistryErrorCodes.SchemaNotFound)
        {
            throw new UnknownSchemaIdException(schemaId, e);
        }

        // GetOrAdd keeps one instance per id even when threads race, so the decoder's per-schema plan is built once.
        return _writerSchemas.GetOrAdd(schemaId, AvroSchema.Parse(text));
    }
}
