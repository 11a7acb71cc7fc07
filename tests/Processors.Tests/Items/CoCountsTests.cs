using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Tests.Items;

public sealed class CoCountsTests
{
    /// <summary>
    /// Pairs folded with a small limit, against a dictionary folded and pruned as before <see cref="CoCounts"/>
    /// (the weakest by decayed value, then by the higher id, removed until nine tenths of the limit are left).
    /// </summary>
    [Fact]
    public void Co_counts_hold_what_a_dictionary_pruned_by_value_then_id_holds()
    {
        var prop = Prop.ForAll(
            Gen.Choose(1, 12).ToArbitrary(),
            Gen.ListOf(Three(Gen.Choose(0, 25), Gen.Choose(1, 3), Gen.Choose(0, 6))).ToArbitrary(),
            (limit, pairs) =>
            {
                var options = new CoVisitationOptions { MaxTrackedPerItem = limit, HalfLife = TimeSpan.FromMilliseconds(3_000) };
                var aggregator = new ItemAggregator(new PopularityOptions(), options);
                var item = new ItemAggregate("x");
                var reference = new Dictionary<string, DecayedScore>(StringComparer.Ordinal);
                foreach (var (other, weight, at) in pairs)
                {
                    var (id, atMs) = ($"i{other}", at * 1_000L);
                    aggregator.ApplyPair(item, new CoVisitationPair("x", id, weight, atMs));
                    reference[id] = reference.GetValueOrDefault(id).Add(weight, atMs, 3_000);
                    if (reference.Count > limit)
                    {
                        foreach (var weakest in reference
                            .OrderBy(kv => kv.Value.ValueAt(atMs, 3_000))
                            .ThenByDescending(kv => kv.Key, StringComparer.Ordinal)
                            .Take(reference.Count - (limit * 9 / 10))
                            .Select(kv => kv.Key)
                            .ToList())
                        {
                            reference.Remove(weakest);
                        }
                    }
                }

                return item.CoCounts.Count == reference.Count
                    && item.CoCounts.All(kv => reference.TryGetValue(kv.Key, out var score) && score == kv.Value)
                    && item.CoCounts.Select(kv => kv.Key).Distinct().Count() == reference.Count;
            });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), prop);
    }

    [Fact]
    public void Counts_keep_the_order_their_items_were_first_met()
    {
        var counts = new CoCounts();
        counts.Set("b", new DecayedScore(1, 0));
        counts.Set("a", new DecayedScore(2, 0));
        counts.Set("b", new DecayedScore(3, 0));

        Assert.Equal(["b", "a"], counts.Select(kv => kv.Key));
        Assert.Equal(new DecayedScore(3, 0), counts.GetValueOrDefault("b"));
        Assert.Equal(default, counts.GetValueOrDefault("c"));
    }

    private static Gen<(T1, T2, T3)> Three<T1, T2, T3>(Gen<T1> first, Gen<T2> second, Gen<T3> third) =>
        first.Zip(second).Zip(third).Select(t => (t.Item1.Item1, t.Item1.Item2, t.Item2));
}
