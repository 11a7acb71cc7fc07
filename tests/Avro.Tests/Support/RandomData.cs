using System.Numerics;
using RecoStreams.Avro.Generic;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Tests.Support;

/// <summary>Builds random generic values that fit a schema, in the .NET types the reader produces.</summary>
internal sealed class RandomData(Random random)
{
    public object? Next(AvroSchema schema, int depth = 3)
    {
        if (schema.LogicalType is { } logicalType)
        {
            return Logical(logicalType);
        }

        switch (schema)
        {
            case UnionSchema union:
                // Past the depth budget prefer a null branch, so recursive schemas terminate.
                var nullIndex = union.Branches.ToList().FindIndex(b => b.Type == AvroType.Null);
                var index = depth <= 0 && nullIndex >= 0 ? nullIndex : random.Next(union.Branches.Count);
                return Next(union.Branches[index], depth - 1);
            case RecordSchema record:
                var value = new GenericRecord(record);
                foreach (var field in record.Fields)
                {
                    value[field.Position] = Next(field.Schema, depth - 1);
                }

                return value;
            case EnumSchema enumSchema:
                return new GenericEnum(enumSchema, enumSchema.Symbols[random.Next(enumSchema.Symbols.Count)]);
            case FixedSchema fixedSchema:
                return new GenericFixed(fixedSchema, Bytes(fixedSchema.Size));
            case ArraySchema array:
                return Enumerable.Range(0, depth <= 0 ? 0 : random.Next(4)).Select(_ => Next(array.Items, depth - 1)).ToList();
            case MapSchema map:
                return Enumerable.Range(0, depth <= 0 ? 0 : random.Next(4)).ToDictionary(i => $"k{i}", _ => Next(map.Values, depth - 1));
        }

        return schema.Type switch
        {
            AvroType.Null => null,
            AvroType.Boolean => random.Next(2) == 0,
            AvroType.Int => random.Next(4) == 0 ? random.Next(-100, 100) : (int)random.NextInt64(int.MinValue, (long)int.MaxValue + 1),
            AvroType.Long => random.Next(4) == 0 ? (long)random.Next(-100, 100) : random.NextInt64(long.MinValue, long.MaxValue),
            AvroType.Float => BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue)),
            AvroType.Double => BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue)),
            AvroType.Bytes => Bytes(random.Next(0, 12)),
            _ => Text(),
        };
    }

    private object Logical(LogicalType logicalType)
    {
        const long TicksPerMicro = 10;
        var minTicks = DateTime.MinValue.Ticks;
        var maxTicks = DateTime.MaxValue.Ticks;
        return logicalType switch
        {
            DecimalLogicalType d => new AvroDecimal(RandomUnscaled(d.Precision), d.Scale),
            _ when logicalType == LogicalType.Uuid => Guid.NewGuid(),
            _ when logicalType == LogicalType.Date => DateOnly.FromDayNumber(random.Next(DateOnly.MinValue.DayNumber, DateOnly.MaxValue.DayNumber + 1)),
            _ when logicalType == LogicalType.TimeMillis => new TimeOnly(random.NextInt64(0, 86_400_000) * TimeSpan.TicksPerMillisecond),
            _ when logicalType == LogicalType.TimeMicros => new TimeOnly(random.NextInt64(0, 86_400_000_000) * TicksPerMicro),
            _ when logicalType == LogicalType.TimestampMillis => new DateTimeOffset(Truncate(random.NextInt64(minTicks, maxTicks), TimeSpan.TicksPerMillisecond), TimeSpan.Zero),
            _ when logicalType == LogicalType.TimestampMicros => new DateTimeOffset(Truncate(random.NextInt64(minTicks, maxTicks), TicksPerMicro), TimeSpan.Zero),
            _ when logicalType == LogicalType.LocalTimestampMillis => new DateTime(Truncate(random.NextInt64(minTicks, maxTicks), TimeSpan.TicksPerMillisecond), DateTimeKind.Unspecified),
            _ when logicalType == LogicalType.LocalTimestampMicros => new DateTime(Truncate(random.NextInt64(minTicks, maxTicks), TicksPerMicro), DateTimeKind.Unspecified),
            _ => new AvroDuration((uint)random.NextInt64(0, uint.MaxValue), (uint)random.NextInt64(0, uint.MaxValue), (uint)random.NextInt64(0, uint.MaxValue)),
        };
    }

    /// <summary>Rounds ticks to whole units, staying inside DateTime's range.</summary>
    private static long Truncate(long ticks, long unit) => ticks - (ticks % unit);

    private BigInteger RandomUnscaled(int digits)
    {
        var magnitude = BigInteger.Parse("0" + string.Concat(Enumerable.Range(0, random.Next(0, digits + 1)).Select(_ => (char)('0' + random.Next(10)))));
        return random.Next(2) == 0 ? magnitude : -magnitude;
    }

    private byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private string Text()
    {
        // Mixes ASCII, accented letters, CJK and a surrogate pair, so UTF-8 lengths differ from char counts.
        string[] pieces = ["a", "Z", "0", " ", "é", "ß", "中", "😀", "\u0000", "\""];
        return string.Concat(Enumerable.Range(0, random.Next(0, 8)).Select(_ => pieces[random.Next(pieces.Length)]));
    }
}
