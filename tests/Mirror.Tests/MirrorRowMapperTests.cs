using RecoStreams.Avro.Contracts;
using RecoStreams.Topology.Mapping;
using Xunit;
using Domain = RecoStreams.Processors.Domain;

namespace RecoStreams.Mirror.Tests;

public sealed class MirrorRowMapperTests
{
    [Fact]
    public void Item_popularity_rows_hold_the_hopping_windows_and_not_the_decayed_totals()
    {
        var start = DateTimeOffset.Parse("2026-11-22T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var stats = ItemStatsMapper.ToContract(new Domain.ItemStats(
            "i1",
            start.AddMinutes(30).ToUnixTimeMilliseconds(),
            [new Domain.WindowedPopularity(3_600_000, start.ToUnixTimeMilliseconds(), 4.5, 3), new Domain.WindowedPopularity(86_400_000, start.ToUnixTimeMilliseconds(), 9, 7)],
            DecayedPopularity: 12,
            DecayedCount: 5,
            Neighbours: [],
            Genres: ["Drama"]));

        var rows = MirrorRowMapper.ToRows(stats).ToList();

        Assert.Equal(["1h", "24h"], rows.Select(r => r.Window));
        Assert.Equal([4.5, 9.0], rows.Select(r => r.Score));
        Assert.Equal([start.AddHours(1), start.AddHours(24)], rows.Select(r => r.WindowEnd));
        Assert.All(rows, r => Assert.Equal(start, r.WindowStart));
    }
}
