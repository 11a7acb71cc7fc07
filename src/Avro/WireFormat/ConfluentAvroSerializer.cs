using System.Buffers;
using System.Collections.Concurrent;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.IO;
using RecoStreams.Avro.Registry;

namespace RecoStreams.Avro.WireFormat;

/// <summary>
/// Writes values in the Confluent wire format: the contract's schema is registered (or looked up)
/// once per subject, and its id framed before the Avro body. After that first call per subject the
/// registry is not contacted again, so <see cref="Serialize"/> does not block. Thread-safe.
/// </summary>
/// <typeparam name="T">The .NET type written.</typeparam>
public sealed class ConfluentAvroSerializer<T>
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    private readonly IAvroContract<T> _contract;
    private readonly ISchemaRegistryClient _registry;
    private readonly ConfluentAvroSerializerOptions _options;
    private readonly string _schemaText;
    private readonly ConcurrentDictionary<string, int> _idBySubject = new(StringComparer.Ordinal);

    /// <summary>Creates a serializer writing with <paramref name="contract"/>'s schema.</summary>
    public ConfluentAvroSerializer(IAvroContract<T> contract, ISchemaRegistryClient registry, ConfluentAvroSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(registry);
        _contract = contract;
        _registry = registry;
        _options = options ?? new ConfluentAvroSerializerOptions();
        _schemaText = contract.Schema.ToString();
    }

    /// <summary>
    /// Registers or looks up the schema for <paramref name="topic"/> ahead of the first message, so
    /// start-up fails fast on a missing or incompatible schema and the stream thread never waits.
    /// </summary>
    public async Task<int> PrepareAsync(string topic, bool isKey, CancellationToken cancellationToken = default)
    {
        var subject = SubjectNames.For(_options.SubjectNameStrategy, topic, isKey, _contract.Schema);
        if (_idBySubject.TryGetValue(subject, out var id))
        {
            return id;
        }

        id = _options.AutoRegisterSchemas
            ? await _registry.RegisterAsync(subject, _schemaText, cancellationToken).ConfigureAwait(false)
            : (await _registry.LookupAsync(subject, _schemaText, cancellationToken).ConfigureAwait(false)).Id;
        return _idBySubject.GetOrAdd(subject, id);
    }

    /// <summary>Serializes <paramref name="value"/> for <paramref name="topic"/>.</summary>
    public async ValueTask<byte[]> SerializeAsync(T value, string topic, bool isKey, CancellationToken cancellationToken = default)
    {
        var id = await PrepareAsync(topic, isKey, cancellationToken).ConfigureAwait(false);
        return Frame(id, value);
    }

    /// <summary>
    /// Serializes <paramref name="value"/> for <paramref name="topic"/>. The first call for a subject
    /// waits for the registry unless <see cref="PrepareAsync"/> ran; later calls never do.
    /// </summary>
    public byte[] Serialize(T value, string topic, bool isKey)
    {
        var subject = SubjectNames.For(_options.SubjectNameStrategy, topic, isKey, _contract.Schema);
        var id = _idBySubject.TryGetValue(subject, out var known) ? known
            : PrepareAsync(topic, isKey).ConfigureAwait(false).GetAwaiter().GetResult();
        return Frame(id, value);
    }

    /// <summary>
    /// Serializes <paramref name="value"/> framed with <paramref name="schemaId"/>, an id <see cref="PrepareAsync"/>
    /// returned: for a caller writing many values to one topic, which so skips the subject's lookup per value.
    /// </summary>
    public byte[] Serialize(T value, int schemaId) => Frame(schemaId, value);

    private byte[] Frame(int schemaId, T value)
    {
        // One reusable buffer per thread: the frame is copied out, so nothing escapes it.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        ConfluentWireFormat.WriteHeader(buffer.GetSpan(ConfluentWireFormat.HeaderLength), schemaId);
        buffer.Advance(ConfluentWireFormat.HeaderLength);
        _contract.Write(new AvroBinaryWriter(buffer), value);
        return buffer.WrittenSpan.ToArray();
    }
}
