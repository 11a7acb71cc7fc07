using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Tests.Items;

public sealed class NeighbourCountTableTests
{
    private const double HalfLifeMs = 4_000;

    /// <summary>
    /// Publications through two tables (one small enough to forget its numbers) against the similarity written out
    /// as it was before the table: every co-count decayed on its own, n_i^(1-β) and n_j^β raised per pair, all co-counts
    /// sorted. Between publications hosted counts change (as the processor writes them) and counts hosted elsewhere
    /// change or become unknown. Lists must be equal to the last bit, and an unknown n_j reported.
    /// </summary>
    [Fact]
    public void Neighbours_from_the_table_are_the_neighbours_of_the_similarity_computed_pair_by_pair()
    {
        var step = Three(Gen.Choose(0, 11), Gen.Choose(-1, 6), Gen.Choose(0, 9));
        var prop = Prop.ForAll(
            Three(Gen.Choose(1, 6), Gen.Elements(0.0, 0.3, 0.5, 1.0), Gen.Choose(1, 5)).ToArbitrary(),
            Gen.ListOf(Three(Gen.Choose(0, 11), Gen.Choose(1, 3), Gen.Choose(0, 8))).ToArbitrary(),
            Gen.ListOf(Gen.ListOf(step)).ToArbitrary(),
            (settings, pairs, rounds) =>
            {
                var (topK, beta, capacity) = settings;
                var options = new CoVisitationOptions
                {
                    TopK = topK,
                    Shrinkage = 1,
                    NeighbourPopularityExponent = beta,
                    HalfLife = TimeSpan.FromMilliseconds(HalfLifeMs),
                    DecodedCountCapacity = capacity,
                };
                var aggregator = new ItemAggregator(new PopularityOptions(), options);
                var item = new ItemAggregate("x");
                aggregator.ApplySignal(item, new ItemSignal("x", "u", EventType.View, 1, 1_000, []));
                foreach (var (other, weight, at) in pairs)
                {
                    aggregator.ApplyPair(item, new CoVisitationPair("x", $"i{other}", weight, at * 1_000L));
                }

                // Even ids are hosted by the task (some not yet counted), odd ones elsewhere (some unknown).
                var hosted = new Dictionary<string, DecayedScore>();
                var elsewhere = new Dictionary<string, double>();
                var small = aggregator.CountTable(Hosted, Elsewhere);
                var large = new ItemAggregator(new PopularityOptions(), new CoVisitationOptions
                {
                    TopK = topK,
                    Shrinkage = 1,
                    NeighbourPopularityExponent = beta,
                    HalfLife = TimeSpan.FromMilliseconds(HalfLifeMs),
                }).CountTable(Hosted, Elsewhere);
                var now = 2_000L;
                foreach (var changes in rounds.Prepend(new List<(int, int, int)>()))
                {
                    foreach (var (other, value, at) in changes)
                    {
                        var id = $"i{other}";
                        if (other % 2 == 0)
                        {
                            // A count of 0 stays hosted (the processor writes one for a dislike too); -1 writes 0 as well.
                            var count = new DecayedScore(Math.Max(0, value), at * 1_000L);
                            hosted[id] = count;
                            small.CountChanged(id, count);
                            large.CountChanged(id, count);
                        }
                        else if (value < 0)
                        {
                            elsewhere.Remove(id);
                        }
                        else
                        {
                            elsewhere[id] = value * 0.7;
                        }
                    }

                    now += 1_500;
                    var expected = Expected(item, id => hosted.TryGetValue(id, out var c) ? c.ValueAt(now, HalfLifeMs) : elsewhere.TryGetValue(id, out var e) ? e : null, now, topK, beta);
                    var unknown = item.CoCounts.Any(kv => !hosted.ContainsKey(kv.Key) && !elsewhere.ContainsKey(kv.Key));
                    foreach (var table in new[] { small, large })
                    {
                        table.BeginPublication(now);
                        var got = aggregator.Neighbours(item, table, now, out var gotUnknown);
                        if (!Same(got, expected) || gotUnknown != unknown)
                        {
                            return false;
                        }
                    }

                    var byFunction = aggregator.Neighbours(item, id => hosted.TryGetValue(id, out var c) ? c.ValueAt(now, HalfLifeMs) : elsewhere.TryGetValue(id, out var e) ? e : null, now);
                    if (!Same(byFunction, expected))
                    {
                        return false;
                    }
                }

                return true;

                DecayedScore? Hosted(string id) => hosted.TryGetValue(id, out var c) ? c : null;
                double? Elsewhere(string id) => elsewhere.TryGetValue(id, out var e) ? e : null;
            });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), prop);
    }

    [Fact]
    public void Similarity_with_the_counts_raised_once_is_the_similarity_raising_them_per_pair()
    {
        var count = Gen.Choose(0, 1_000_000).Select(i => i / 1_000.0);
        var prop = Prop.ForAll(
            Three(count, count, count).ToArbitrary(),
            Gen.Zip(Gen.Elements(0.0, 0.25, 0.5, 0.8, 1.0), Gen.Choose(0, 10)).ToArbitrary(),
            (counts, parameters) =>
            {
                var (co, ni, nj) = counts;
                var (beta, shrinkage) = parameters;
                var weighted = CoVisitationSimilarity.Compute(
                    co, ni, CoVisitationSimilarity.WeightOfCountI(ni, beta), nj, CoVisitationSimilarity.WeightOfCountJ(nj, beta), shrinkage);
                return weighted.Equals(PairByPair(co, ni, nj, shrinkage, beta)) && CoVisitationSimilarity.Compute(co, ni, nj, shrinkage, beta).Equals(weighted);
            });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), prop);
    }

    [Fact]
    public void A_table_refuses_a_capacity_below_one()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NeighbourCountTable(0.5, 1, 0, _ => null, _ => null));
    }

    /// <summary>The similarity as it was computed before n_i^(1-β) and n_j^β were raised once (the reference).</summary>
    private static double PairByPair(double co, double ni, double nj, double shrinkage, double beta)
    {
        if (co <= 0 || ni <= 0 || nj <= 0)
        {
            return 0;
        }

        var normalised = Math.Min(1.0, co / (Math.Pow(ni, 1 - beta) * Math.Pow(nj, beta)));
        return normalised * (co / (co + Math.Max(0, shrinkage)));
    }

    private static List<Neighbour> Expected(ItemAggregate item, Func<string, double?> countOf, long now, int topK, double beta)
    {
        var ni = item.Count.ValueAt(now, HalfLifeMs);
        return item.CoCounts
            .Select(kv => (Id: kv.Key, Co: kv.Value.ValueAt(now, HalfLifeMs)))
            .Select(c => new Neighbour(c.Id, PairByPair(c.Co, ni, countOf(c.Id) ?? 0, 1, beta), c.Co))
            .Where(n => n.Similarity > 0)
            .OrderByDescending(n => n.Similarity)
            .ThenBy(n => n.ItemId, StringComparer.Ordinal)
            .Take(topK)
            .ToList();
    }

    private static bool Same(IReadOnlyList<Neighbour> got, List<Neighbour> expected) =>
        got.Count == expected.Count
        && got.Zip(expected).All(p => p.First.ItemId == p.Second.ItemId && p.First.Similarity.Equals(p.Second.Similarity) && p.First.CoCount.Equals(p.Second.CoCount));

    private static Gen<(T1, T2, T3)> Three<T1, T2, T3>(Gen<T1> first, Gen<T2> second, Gen<T3> third) =>
        first.Zip(second).Zip(third).Select(t => (t.Item1.Item1, t.Item1.Item2, t.Item2));
}
