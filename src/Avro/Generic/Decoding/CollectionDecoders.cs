using System.Runtime.CompilerServices;
using RecoStreams.Avro.IO;

namespace RecoStreams.Avro.Generic.Decoding;

/// <summary>Validates array and map block counts against the input before anything is allocated for them.</summary>
internal readonly struct BlockCountGuard(int minItemBytes, long maxZeroByteItems)
{
    public void Check(long count, ref AvroBinaryReader reader, string kind)
    {
        if (minItemBytes > 0)
        {
            // Each item needs at least minItemBytes, so a larger count cannot be genuine.
            if (count > reader.Remaining / minItemBytes)
            {
                throw new AvroDecodeException($"{kind} block claims {count} items but only {reader.Remaining} bytes remain (at least {minItemBytes} per item)");
            }
        }
        else
        {
            reader.CountZeroByteItems(count, maxZeroByteItems, kind);
        }
    }
}

/// <summary>Decodes an array into a <see cref="List{T}"/> block by block.</summary>
internal sealed class ArrayDecoder(ValueDecoder items, BlockCountGuard guard) : ValueDecoder
{
    public override object Read(ref AvroBinaryReader reader)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var list = new List<object?>();
        while (true)
        {
            var count = reader.ReadBlockHeader(out _);
            if (count == 0)
            {
                return list;
            }

            guard.Check(count, ref reader, "array");
            list.EnsureCapacity(list.Count + (int)count);
            for (var i = 0; i < count; i++)
            {
                list.Add(items.Read(ref reader));
            }
        }
    }

    public override void Skip(ref AvroBinaryReader reader)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        while (true)
        {
            var count = reader.ReadBlockHeader(out var byteSize);
            if (count == 0)
            {
                return;
            }

            guard.Check(count, ref reader, "array");
            if (byteSize >= 0)
            {
                // Writers that record block sizes let readers jump over the block without decoding it.
                reader.Skip(byteSize);
                continue;
            }

            for (var i = 0; i < count; i++)
            {
                items.Skip(ref reader);
            }
        }
    }
}

/// <summary>Decodes a map into a <see cref="Dictionary{TKey, TValue}"/>; a repeated key keeps its last value.</summary>
internal sealed class MapDecoder(ValueDecoder values, BlockCountGuard guard) : ValueDecoder
{
    public override object Read(ref AvroBinaryReader reader)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (true)
        {
            var count = reader.ReadBlockHeader(out _);
            if (count == 0)
            {
                return map;
            }

            guard.Check(count, ref reader, "map");
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                map[key] = values.Read(ref reader);
            }
        }
    }

    public override void Skip(ref AvroBinaryReader reader)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        while (true)
        {
            var count = reader.ReadBlockHeader(out var byteSize);
            if (count == 0)
            {
                return;
            }

            guard.Check(count, ref reader, "map");
            if (byteSize >= 0)
            {
                reader.Skip(byteSize);
                continue;
            }

            for (var i = 0; i < count; i++)
            {
                reader.SkipBytes();
                values.Skip(ref reader);
            }
        }
    }
}
