using RecoStreams.Processors.Experiments;

namespace RecoStreams.Processors.Tests.Experiments;

public sealed class RequestIdsTests
{
    // rand_a (12 bits after the version) and rand_b (62 bits after the variant) of a UUID read as a big-endian number.
    private static readonly UInt128 RandomBits = ((UInt128.One << 76) - 1) & ~((UInt128)0b11 << 62);

    [Fact]
    public void A_list_outside_any_experiment_gets_a_version_8_uuid_that_says_so()
    {
        var id = RequestIds.New(inExperiment: false);

        Assert.Equal(8, Guid.Parse(id).Version);
        Assert.True(RequestIds.IsOutsideExperiments(id));
    }

    [Fact]
    public void A_list_in_an_experiment_gets_a_version_7_uuid_attributed_through_its_exposure()
    {
        var id = RequestIds.New(inExperiment: true);

        Assert.Equal(7, Guid.Parse(id).Version);
        Assert.False(RequestIds.IsOutsideExperiments(id));
    }

    [Fact]
    public void Outside_ids_keep_the_time_order_and_uniqueness_of_version_7()
    {
        var ids = Enumerable.Range(0, 1_000).Select(i => RequestIds.New(inExperiment: i % 2 == 0)).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids.Zip(ids.Skip(1)), pair => Assert.True(string.CompareOrdinal(pair.First[..13], pair.Second[..13]) <= 0));
    }

    [Fact]
    public void Every_id_has_the_rfc_9562_layout_and_the_time_it_was_made()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var ids = Enumerable.Range(0, 2_000).Select(i => Guid.Parse(RequestIds.New(inExperiment: i % 2 == 0))).ToList();
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.All(ids, id =>
        {
            Span<byte> bytes = stackalloc byte[16];
            Assert.True(id.TryWriteBytes(bytes, bigEndian: true, out _));
            var madeAt = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes) >> 16;
            Assert.InRange(madeAt, before, after);
            Assert.Equal(0b10, bytes[8] >> 6);
        });
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Ids_made_on_many_threads_at_once_never_repeat_and_vary_in_every_random_bit()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                ids.Add(RequestIds.New(inExperiment: false));
            }
        });

        Assert.Equal(ids.Count, ids.Distinct().Count());
        // Past the time (48 bits), version (4) and variant (2), each of the 74 random bits is set in some ids and not in others.
        var random = ids.Select(id =>
        {
            var bytes = Guid.Parse(id).ToByteArray(bigEndian: true);
            return (UInt128)System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes) & RandomBits;
        }).ToList();
        var alwaysSet = random.Aggregate(RandomBits, (all, bits) => all & bits);
        var everSet = random.Aggregate(UInt128.Zero, (any, bits) => any | bits);
        Assert.Equal(UInt128.Zero, alwaysSet);
        Assert.Equal(RandomBits, everSet);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-uuid")]
    [InlineData("0190a6f3-1c2d-4e5f-8a9b-0c1d2e3f4a5b")]
    public void Anything_else_is_not_taken_for_an_outside_id(string requestId) =>
        Assert.False(RequestIds.IsOutsideExperiments(requestId));

    [Fact]
    public void A_request_id_in_utf8_is_told_apart_as_its_string_is()
    {
        var outside = RequestIds.New(inExperiment: false);
        string[] ids = [outside, outside.ToUpperInvariant(), RequestIds.New(inExperiment: true), "", "not-a-uuid", "0190a6f3-1c2d-4e5f-8a9b-0c1d2e3f4a5b"];

        Assert.Equal(
            ids.Select(RequestIds.IsOutsideExperiments),
            ids.Select(id => RequestIds.IsOutsideExperiments(System.Text.Encoding.UTF8.GetBytes(id).AsSpan())));
        Assert.Equal([true, true, false, false, false, false], ids.Select(id => RequestIds.IsOutsideExperiments(System.Text.Encoding.UTF8.GetBytes(id).AsSpan())));
    }
}
