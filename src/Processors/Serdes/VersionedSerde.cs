using System.Text;
using RecoStreams.Streams.Serialization;

namespace RecoStreams.Processors.Serdes;

/// <summary>
/// Base of the compact binary store-value serdes: one format-version byte, then little-endian fields
/// (strings length-prefixed UTF-8). A reader refuses versions it does not know rather than misread
/// them; a new field means a new version whose reader still accepts the old ones.
/// </summary>
public abstract class VersionedSerde<T> : ISerde<T>
{
    private const int MaxKeptBufferBytes = 1 << 20;

    [ThreadStatic]
    private static MemoryStream? t_buffer;

    protected abstract byte Version { get; }

    /// <summary>The oldest format version still read; older or newer ones are refused. Default: only <see cref="Version"/>.</summary>
    protected virtual byte OldestReadableVersion => Version;

    public byte[] Serialize(T value, in SerdeContext context)
    {
        ArgumentNullException.ThrowIfNull(value);

        // One buffer per thread, taken while in use: a profile is ~10 KiB, and a fresh stream would grow to it by
        // doubling on every event. A nested Serialize on the same thread finds none and makes its own.
        var stream = t_buffer ?? new MemoryStream();
        t_buffer = null;
        try
        {
            stream.SetLength(0);
            using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(Version);
                Write(writer, value);
            }

            return stream.ToArray();
        }
        finally
        {
            if (stream.Capacity <= MaxKeptBufferBytes)
            {
                t_buffer = stream;
            }
        }
    }

    public T Deserialize(ReadOnlySpan<byte> data, in SerdeContext context)
    {
        if (data.IsEmpty)
        {
            throw new SerializationException($"{typeof(T).Name}: no bytes to read.");
        }

        var version = data[0];
        if (version > Version || version < OldestReadableVersion)
        {
            throw new SerializationException($"{typeof(T).Name}: format version {version} is not supported (expected {Version}).");
        }

        using var stream = new MemoryStream(data[1..].ToArray(), writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            var value = Read(reader, version);
            return stream.Position == stream.Length
                ? value
                : throw new SerializationException($"{typeof(T).Name}: {stream.Length - stream.Position} trailing bytes.");
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException or ArgumentException)
        {
            throw new SerializationException($"{typeof(T).Name}: malformed bytes.", e);
        }
    }

    protected abstract void Write(BinaryWriter writer, T value);

    protected abstract T Read(BinaryReader reader);

    /// <summary>Reads a value written in format <paramref name="version"/>; override when older versions stay readable.</summary>
    protected virtual T Read(BinaryReader reader, byte version) => Read(reader);
}
