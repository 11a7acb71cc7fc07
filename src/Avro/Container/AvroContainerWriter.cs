using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using RecoStreams.Avro.Container.Codecs;
using RecoStreams.Avro.Generic;
using RecoStreams.Avro.IO;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Container;

/// <summary>
/// Writes an Avro object container file: header with schema, codec and metadata, then records in
/// blocks of about <see cref="SyncInterval"/> uncompressed bytes, each followed by the sync marker.
/// Dispose (or <see cref="Flush"/>) writes the last, partial block.
/// </summary>
public sealed class AvroContainerWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly IAvroCodec _codec;
    private readonly GenericDatumWriter _datumWriter;
    private readonly ArrayBufferWriter<byte> _block = new();
    private readonly AvroBinaryWriter _blockWriter;
    private readonly byte[] _sync = RandomNumberGenerator.GetBytes(ContainerFormat.SyncSize);
    private long _blockCount;
    private bool _disposed;

    /// <summary>Writes the header and prepares for records.</summary>
    /// <param name="stream">Destination, positioned where the file starts.</param>
    /// <param name="schema">The schema every record is written with.</param>
    /// <param name="codec">Block codec; null means the <c>null</c> codec.</param>
    /// <param name="metadata">Extra header metadata; keys starting with <c>avro.</c> are reserved.</param>
    /// <param name="leaveOpen">Leave <paramref name="stream"/> open on dispose.</param>
    public AvroContainerWriter(Stream stream, AvroSchema schema, IAvroCodec? codec = null, IReadOnlyDictionary<string, byte[]>? metadata = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _codec = codec ?? NullCodec.Instance;
        _datumWriter = new GenericDatumWriter(schema);
        _blockWriter = new AvroBinaryWriter(_block);

        var header = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata ?? new Dictionary<string, byte[]>())
        {
            if (key.StartsWith(ContainerFormat.ReservedPrefix, StringComparison.Ordinal))
            {
                throw new ArgumentException($"metadata key '{key}' is reserved for Avro", nameof(metadata));
            }

            header[key] = value;
        }

        header[ContainerFormat.SchemaKey] = Encoding.UTF8.GetBytes(schema.ToString());
        header[ContainerFormat.CodecKey] = Encoding.UTF8.GetBytes(_codec.Name);
        WriteHeader(header);
    }

    /// <summary>Uncompressed bytes gathered before a block is written (default 64 KiB).</summary>
    public int SyncInterval { get; init; } = 64 * 1024;

    /// <summary>Appends one record.</summary>
    /// <exception cref="AvroEncodeException">The record does not fit the schema; nothing of it is written.</exception>
    public void Append(object? record)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var before = _block.WrittenCount;
        try
        {
            _datumWriter.Write(record, _blockWriter);
        }
        catch (AvroEncodeException)
        {
            // Drop the partial encoding so the block stays well-formed.
            var kept = _block.WrittenSpan[..before].ToArray();
            _block.Clear();
            _block.Write(kept);
            throw;
        }

        _blockCount++;
        if (_block.WrittenCount >= SyncInterval)
        {
            WriteBlock();
        }
    }

    /// <summary>Writes any buffered records as a block and flushes the stream.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        WriteBlock();
        _stream.Flush();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        Flush();
        _disposed = true;
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private void WriteHeader(Dictionary<string, byte[]> metadata)
    {
        var header = new ArrayBufferWriter<byte>();
        var writer = new AvroBinaryWriter(header);
        writer.WriteFixed(ContainerFormat.Magic);
        writer.WriteBlockCount(metadata.Count);
        foreach (var (key, value) in metadata)
        {
            writer.WriteString(key);
            writer.WriteBytes(value);
        }

        writer.WriteBlockCount(0);
        writer.WriteFixed(_sync);
        _stream.Write(header.WrittenSpan);
    }

    private void WriteBlock()
    {
        if (_blockCount == 0)
        {
            return;
        }

        var compressed = _codec.Compress(_block.WrittenSpan);
        var frame = new ArrayBufferWriter<byte>(compressed.Length + 40);
        var writer = new AvroBinaryWriter(frame);
        writer.WriteLong(_blockCount);
        writer.WriteLong(compressed.Length);
        writer.WriteFixed(compressed);
        writer.WriteFixed(_sync);
        _stream.Write(frame.WrittenSpan);
        _block.Clear();
        _blockCount = 0;
    }
}
