using System.Diagnostics;
using RecoStreams.Avro.Container;
using RecoStreams.Avro.Container.Codecs;
using RecoStreams.Avro.Generic;
using RecoStreams.Avro.Tests.Support;
using Xunit;

namespace RecoStreams.Avro.Tests.Robustness;

/// <summary>
/// Feeds random and mutated inputs to the decoders and asserts that only Avro's typed exceptions
/// escape: no index, overflow, out-of-memory or stack-overflow failures on hostile bytes.
/// </summary>
public sealed class DecoderFuzzTests
{
    private const int GenericInputs = 100_000;
    private const int ContainerInputs = 30_000;

    [Fact]
    public void Mutated_and_random_datum_encodings_only_raise_typed_exceptions()
    {
        var random = new Random(20261122);
        var schema = RandomSchemas.EveryType();
        var writer = new GenericDatumWriter(schema);
        var reader = new GenericDatumReader(schema);
        var data = new RandomData(random);
        var seeds = Enumerable.Range(0, 64).Select(_ => writer.Encode(data.Next(schema, depth: 2))).ToList();

        var (decoded, rejected) = Fuzz(random, seeds, GenericInputs, input => reader.Read(input));

        // Both outcomes must occur, or the mutations are not exercising the decoder.
        Assert.True(decoded > 100, $"only {decoded} inputs decoded");
        Assert.True(rejected > GenericInputs / 2, $"only {rejected} inputs rejected");
    }

    [Fact]
    public void Mutated_container_files_only_raise_typed_exceptions()
    {
        var random = new Random(7);
        var schema = RandomSchemas.EveryType();
        var data = new RandomData(random);
        var seeds = new List<byte[]>();
        foreach (var codec in new IAvroCodec[] { NullCodec.Instance, DeflateCodec.Instance, SnappyCodec.Instance })
        {
            using var file = new MemoryStream();
            using (var writer = new AvroContainerWriter(file, schema, codec, leaveOpen: true) { SyncInterval = 200 })
            {
                for (var i = 0; i < 6; i++)
                {
                    writer.Append(data.Next(schema, depth: 2));
                }
            }

            seeds.Add(file.ToArray());
        }

        var (decoded, rejected) = Fuzz(random, seeds, ContainerInputs, input =>
        {
            using var reader = new AvroContainerReader(new MemoryStream(input));
            foreach (var _ in reader.ReadAll())
            {
            }
        }, mutateHeaderRarely: true);

        Assert.True(decoded > 10, $"only {decoded} files decoded");
        Assert.True(rejected > ContainerInputs / 2, $"only {rejected} files rejected");
    }

    private static (int Decoded, int Rejected) Fuzz(Random random, List<byte[]> seeds, int count, Action<byte[]> decode, bool mutateHeaderRarely = false)
    {
        var decoded = 0;
        var rejected = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var input = i % 10 == 0 ? RandomBytes(random) : Mutate(random, seeds[random.Next(seeds.Count)], mutateHeaderRarely);
            try
            {
                decode(input);
                decoded++;
            }
            catch (AvroException)
            {
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"input {i} ({Convert.ToHexString(input)}) raised {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"fuzzing took {clock.Elapsed}");
        return (decoded, rejected);
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 64)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutate(Random random, byte[] seed, bool avoidHeader)
    {
        var bytes = new List<byte>(seed);
        // Container headers hold the schema JSON; mostly mutate past it so the blocks get exercised too.
        var start = avoidHeader && random.Next(10) != 0 ? Math.Min(bytes.Count, seed.Length / 2) : 0;
        for (var n = random.Next(1, 5); n > 0 && bytes.Count > start; n--)
        {
            var at = random.Next(start, bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 3:
                    bytes.RemoveAt(at);
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    // Plant a large varint (e.g. a 2^31 length or huge count) where a length might be read.
                    bytes.InsertRange(at, [0x80, 0x80, 0x80, 0x80, 0x10]);
                    break;
            }
        }

        return [.. bytes];
    }
}
