using System.Buffers.Binary;

namespace RecoStreams.Avro.WireFormat;

/// <summary>
/// Confluent's framing of a schema-registry-encoded message: one magic byte 0, the writer schema's
/// global id as a 4-byte big-endian integer, then the Avro binary body.
/// </summary>
public static class ConfluentWireFormat
{
    /// <summary>The only magic byte defined so far.</summary>
    public const byte MagicByte = 0;

    /// <summary>Magic byte plus schema id.</summary>
    public const int HeaderLength = 5;

    /// <summary>Writes the header for <paramref name="schemaId"/> into the first 5 bytes of <paramref name="destination"/>.</summary>
    public static void WriteHeader(Span<byte> destination, int schemaId)
    {
        if (destination.Length < HeaderLength)
        {
            throw new ArgumentException($"destination needs {HeaderLength} bytes, has {destination.Length}", nameof(destination));
        }

        destination[0] = MagicByte;
        BinaryPrimitives.WriteInt32BigEndian(destination[1..], schemaId);
    }

    /// <summary>Reads the header of <paramref name="message"/> and returns the Avro body after it.</summary>
    /// <exception cref="AvroWireFormatException">The message is shorter than the header or its magic byte is not 0.</exception>
    public static ReadOnlySpan<byte> ReadHeader(ReadOnlySpan<byte> message, out int schemaId)
    {
        if (message.Length < HeaderLength)
        {
            throw new AvroWireFormatException(
                $"message of {message.Length} bytes is too short for the Confluent wire format (needs at least {HeaderLength}: magic byte and schema id)");
        }

        if (message[0] != MagicByte)
        {
            throw new AvroWireFormatException(
                $"unknown magic byte 0x{message[0]:x2} (expected 0x00): the message was not written by a schema-registry Avro serializer");
        }

        schemaId = BinaryPrimitives.ReadInt32BigEndian(message[1..]);
        return message[HeaderLength..];
    }
}
