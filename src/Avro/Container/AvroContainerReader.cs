using System.Text;
using RecoStreams.Avro.Container.Codecs;
using RecoStreams.Avro.Generic;
using RecoStreams.Avro.IO;
using RecoStreams.Avro.Resolution;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Container;

/// <summary>
/// Reads an Avro object container file: parses the header (magic, metadata, sync marker), then
/// yields records block by block, decompressing each block and checking the sync marker after it.
/// Records can be read with a different reader schema (schema resolution applies).
/// </summary>
public sealed class AvroContainerReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly ContainerStreamReader _input;
    private readonly IAvroCodec _codec;
    private readonly IDatumReader _datumReader;
    private readonly int _maxBlockBytes;
    private readonly int _minRecordBytes;
    private readonly long _maxZeroByteRecords;
    private readonly byte[] _sync;

    private byte[] _block = [];
    private int _blockOffset;
    private long _blockRemaining;
    private bool _syncPending;
    private bool _finished;

    /// <summary>Opens a container file and reads its header.</summary>
    /// <param name="stream">The file contents, positioned at its start.</param>
    /// <param name="readerSchema">The schema to read records as; null reads them with the writer's schema.</param>
    /// <param name="options">Limits; defaults when null.</param>
    /// <param name="leaveOpen">Leave <paramref name="stream"/> open on dispose.</param>
    /// <exception cref="AvroContainerException">The header is malformed, the format is the legacy 1.2 one, or the codec is unsupported.</exception>
    /// <exception cref="AvroSchemaException">The embedded schema is invalid or cannot be resolved against <paramref name="readerSchema"/>.</exception>
    public AvroContainerReader(Stream stream, AvroSchema? readerSchema = null, AvroContainerReaderOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= AvroContainerReaderOptions.Default;
        _stream = stream;
        _leaveOpen = leaveOpen;
        _maxBlockBytes = options.MaxBlockBytes;
        _input = new ContainerStreamReader(stream, options.MaxBlockBytes);

        ReadMagic();
        Metadata = ReadMetadata();
        _sync = _input.ReadBytes(ContainerFormat.SyncSize, "header sync marker");

        if (!Metadata.TryGetValue(ContainerFormat.SchemaKey, out var schemaBytes))
        {
            throw new AvroContainerException($"header has no '{ContainerFormat.SchemaKey}' metadata");
        }

        WriterSchema = AvroSchema.Parse(DecodeUtf8(schemaBytes, ContainerFormat.SchemaKey));
        CodecName = Metadata.TryGetValue(ContainerFormat.CodecKey, out var codecBytes) ? DecodeUtf8(codecBytes, ContainerFormat.CodecKey) : "null";
        _codec = AvroCodecs.ForName(CodecName);
        _datumReader = new ResolvingDatumReader(WriterSchema, readerSchema ?? WriterSchema, options.Datum);
        _minRecordBytes = SchemaMatching.MinEncodedSize(WriterSchema);
        _maxZeroByteRecords = options.Datum.MaxZeroByteItems;
    }

    /// <summary>The schema the records were written with.</summary>
    public AvroSchema WriterSchema { get; }

    /// <summary>The schema records are returned as.</summary>
    public AvroSchema ReaderSchema => _datumReader.ReaderSchema;

    /// <summary>The codec named in the header (<c>null</c> when absent).</summary>
    public string CodecName { get; }

    /// <summary>All header metadata, including <c>avro.schema</c> and <c>avro.codec</c>.</summary>
    public IReadOnlyDictionary<string, byte[]> Metadata { get; }

    /// <summary>Reads the next record.</summary>
    /// <returns>False at a clean end of file (between blocks).</returns>
    /// <exception cref="AvroDecodeException">The file is corrupt or truncated (<see cref="AvroContainerException"/> for framing errors).</exception>
    public bool TryRead(out object? record)
    {
        while (_blockRemaining == 0)
        {
            if (!NextBlock())
            {
                record = null;
                return false;
            }
        }

        var reader = new AvroBinaryReader(_block.AsSpan(_blockOffset));
        record = _datumReader.Read(ref reader);
        _blockOffset += reader.Position;
        _blockRemaining--;
        if (_blockRemaining == 0 && _blockOffset != _block.Length)
        {
            throw new AvroContainerException($"block holds {_block.Length - _blockOffset} bytes beyond its declared records");
        }

        return true;
    }

    /// <summary>Reads all remaining records.</summary>
    public IEnumerable<object?> ReadAll()
    {
        while (TryRead(out var record))
        {
            yield return record;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    /// <summary>
    /// Checks the previous block's sync marker, then loads the next block. The marker is read lazily,
    /// so the records of the last block are returned even when the file is cut inside that marker;
    /// the truncation surfaces on the following read.
    /// </summary>
    private bool NextBlock()
    {
        if (_finished)
        {
            return false;
        }

        if (_syncPending)
        {
            var marker = _input.ReadBytes(ContainerFormat.SyncSize, "block sync marker");
            if (!marker.AsSpan().SequenceEqual(_sync))
            {
                throw new AvroContainerException($"sync marker mismatch after the block ending at offset {_input.Position - ContainerFormat.SyncSize} (corrupt file)");
            }

            _syncPending = false;
        }

        var first = _input.TryReadByte();
        if (first < 0)
        {
            _finished = true;
            return false;
        }

        var count = _input.ReadLongAfter(first, "block count");
        var size = _input.ReadLong("block size");
        if (count < 0)
        {
            throw new AvroContainerException($"negative block record count {count} at offset {_input.Position}");
        }

        var stored = _input.ReadBytes(size, "block");
        _block = _codec.Decompress(stored, _maxBlockBytes);
        _blockOffset = 0;
        _blockRemaining = count;
        _syncPending = true;
        if (count == 0 && _block.Length != 0)
        {
            throw new AvroContainerException($"empty block carries {_block.Length} bytes of data");
        }

        CheckRecordCount(count);

        return true;
    }

    /// <summary>
    /// A block's record count is bounded by its bytes (each record needs at least the writer schema's smallest
    /// encoding) or, for a schema whose records take no bytes (e.g. "null"), by the zero-byte item limit: a
    /// 68-byte file claiming 2^62 such records would otherwise yield records forever.
    /// </summary>
    private void CheckRecordCount(long count)
    {
        if (_minRecordBytes > 0 ? count > _block.Length / _minRecordBytes : count > _maxZeroByteRecords)
        {
            throw new AvroContainerException(_minRecordBytes > 0
                ? $"block claims {count} records but holds {_block.Length} bytes (at least {_minRecordBytes} per record)"
                : $"block claims {count} records of a schema that takes no bytes, more than the limit of {_maxZeroByteRecords} (AvroReaderOptions.MaxZeroByteItems)");
        }
    }

    private void ReadMagic()
    {
        var magic = _input.ReadBytes(4, "magic");
        if (magic.AsSpan().SequenceEqual(ContainerFormat.Magic))
        {
            return;
        }

        if (magic.AsSpan().SequenceEqual("Obj\0"u8))
        {
            throw new AvroContainerException("legacy 1.2 format container file (magic Obj\\x00, metadata in a footer) is not supported; rewrite it with a current Avro version");
        }

        throw new AvroContainerException($"not an Avro container file: magic is {Convert.ToHexString(magic)}, expected 4F626A01 ('Obj' 1)");
    }

    private Dictionary<string, byte[]> ReadMetadata()
    {
        var metadata = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (true)
        {
            var count = _input.ReadLong("metadata block count");
            if (count == 0)
            {
                return metadata;
            }

            if (count < 0)
            {
                count = count == long.MinValue ? throw new AvroContainerException("invalid metadata block count") : -count;
                _input.ReadLong("metadata block size");
            }

            for (long i = 0; i < count; i++)
            {
                var key = DecodeUtf8(_input.ReadBytes(_input.ReadLong("metadata key length"), "metadata key"), "metadata key");
                metadata[key] = _input.ReadBytes(_input.ReadLong("metadata value length"), "metadata value");
            }
        }
    }

    private static string DecodeUtf8(byte[] bytes, string what)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new AvroContainerException($"{what} is not valid UTF-8", e);
        }
    }
}
