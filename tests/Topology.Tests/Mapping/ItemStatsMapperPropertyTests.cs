using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Topology.Mapping;
using Xunit;
using Domain = RecoStreams.Processors.Domain;

namespace RecoStreams.Topology.Tests.Mapping;

/// <summary>
/// Published item stats travel as the Avro contract and are read back as the global table's domain value: the
/// round trip must give back every window, both decayed totals, the neighbours and the genres, in order.
/// </summary>
public sealed class ItemStatsMapperPropertyTests
{
    // Event times from 1970 to 2038, with milliseconds.
    private static readonly Gen<long> Millis = Gen.Choose(0, int.MaxValue).Select(ms => ms * 1_000L + ms % 1_000);
    private static readonly Gen<double> Finite = ArbMap.Default.GeneratorFor<NormalFloat>().Select(f => f.Get);
    private static readonly Gen<string> Text = ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => s.Get);

    // Sizes of every unit the labels name (hours, minutes, seconds, milliseconds).
    private static readonly Gen<long> WindowSize = Gen.OneOf(
        Gen.Choose(1, 48).Select(h => h * 3_600_000L),
        Gen.Choose(1, 600).Select(m => m * 60_000L),
        Gen.Choose(1, 100_000).Select(s => s * 1_000L),
        Gen.Choose(1, int.MaxValue).Select(ms => (long)ms));

    private static readonly Gen<Domain.ItemStats> Stats =
        from itemId in Text
        from updatedAt in Millis
        from windows in (from size in WindowSize
                         from start in Millis
                         from score in Finite
                         from events in Gen.Choose(0, int.MaxValue)
                         select new Domain.WindowedPopularity(size, start, score, events)).ListOf()
        from decayed in Finite
        from decayedCount in Finite
        from neighbours in (from id in Text from similarity in Finite from coCount in Finite select new Domain.Neighbour(id, similarity, coCount)).ListOf()
        from genres in Text.ListOf()
        select new Domain.ItemStats(itemId, updatedAt, windows, decayed, decayedCount, neighbours, genres);

    [Fact]
    public void Item_stats_read_back_from_the_contract_equal_what_was_published()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(Stats.ToArbitrary(), stats =>
        {
            var back = ItemStatsMapper.ToDomain(ItemStatsMapper.ToContract(stats));
            return back.ItemId == stats.ItemId
                && back.UpdatedAtMs == stats.UpdatedAtMs
                && back.Windows.SequenceEqual(stats.Windows)
                && back.DecayedPopularity.Equals(stats.DecayedPopularity)
                && back.DecayedCount.Equals(stats.DecayedCount)
                && back.Neighbours.SequenceEqual(stats.Neighbours)
                && back.Genres.SequenceEqual(stats.Genres);
        }));
    }
}
