using System.Buffers;
using RecoStreams.Avro.IO;

namespace RecoStreams.Avro.Contracts;

/// <summary>Convenience encoding of a contract value to a byte array.</summary>
public static class AvroContractEncoder
{
    /// <summary>Encodes <paramref name="value"/> with <paramref name="contract"/> into a new array.</summary>
    public static byte[] Encode<T>(this IAvroContract<T> contract, T value)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var buffer = new ArrayBufferWriter<byte>(256);
        contract.Write(new AvroBinaryWriter(buffer), value);
        return buffer.WrittenSpan.ToArray();
    }
}
