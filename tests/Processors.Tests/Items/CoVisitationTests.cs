using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Tests.Items;

public sealed class CoVisitationTests
{
    [Fact]
    public void Similarity_is_cosine_times_shrinkage()
    {
        // co = 4, n_i = 8, n_j = 2: cosine = 4 / sqrt(16) = 1; shrink = 4 / (4 + 4) = 0.5.
        Assert.Equal(0.5, CoVisitationSimilarity.Compute(4, 8, 2, shrinkage: 4), 10);
        // co = 2, n_i = n_j = 8: cosine = 2 / 8 = 0.25; no shrinkage.
        Assert.Equal(0.25, CoVisitationSimilarity.Compute(2, 8, 8, shrinkage: 0), 10);
    }

    [Fact]
    public void Beta_below_one_half_favours_popular_neighbours()
    {
        var rareNeighbour = CoVisitationSimilarity.Compute(2, 10, 2, 0, beta: 0);
        var popularNeighbour = CoVisitationSimilarity.Compute(2, 10, 50, 0, beta: 0);

        Assert.Equal(rareNeighbour, popularNeighbour, 10);
        Assert.True(CoVisitationSimilarity.Compute(2, 10, 2, 0) > CoVisitationSimilarity.Compute(2, 10, 50, 0));
    }

    [Fact]
    public void Similarity_is_zero_without_counts_and_capped_at_one_before_shrinkage()
    {
        Assert.Equal(0, CoVisitationSimilarity.Compute(0, 5, 5, 1));
        Assert.Equal(0, CoVisitationSimilarity.Compute(3, 0, 5, 1));
        Assert.Equal(1, CoVisitationSimilarity.Compute(9, 1, 1, 0), 10);
    }

    [Fact]
    public void Neighbours_rank_by_similarity_then_id_and_keep_the_top_k()
    {
        var aggregator = new ItemAggregator(new PopularityOptions(), new CoVisitationOptions { TopK = 2, Shrinkage = 0, HalfLife = TimeSpan.Zero });
        var item = new ItemAggregate("x");
        aggregator.ApplySignal(item, new ItemSignal("x", "u", EventType.View, 1, 0, []));
        foreach (var other in new[] { "b", "a", "c", "c" })
        {
            aggregator.ApplyPair(item, new CoVisitationPair("x", other, 1, 0));
        }

        var counts = new Dictionary<string, double?> { ["a"] = 1, ["b"] = 1, ["c"] = 4 };
        var neighbours = aggregator.Neighbours(item, id => counts[id], 0);

        // a and b: 1 / sqrt(1 · 1) = 1; c: min(1, 2 / sqrt(1 · 4)) = 1 too → ties by id.
        Assert.Equal(["a", "b"], neighbours.Select(n => n.ItemId));
    }

    [Fact]
    public void The_top_k_equals_the_first_k_of_every_neighbour_sorted_by_similarity_then_id()
    {
        var prop = Prop.ForAll(
            Gen.Choose(1, 12).ToArbitrary(),
            Gen.ListOf(Gen.Zip(Gen.Choose(0, 40), Gen.Choose(1, 4))).ToArbitrary(),
            (topK, pairs) =>
            {
                var aggregator = new ItemAggregator(new PopularityOptions(), new CoVisitationOptions { TopK = topK, Shrinkage = 1, HalfLife = TimeSpan.Zero });
                var item = new ItemAggregate("x");
                aggregator.ApplySignal(item, new ItemSignal("x", "u", EventType.View, 1, 0, []));
                foreach (var (other, weight) in pairs)
                {
                    aggregator.ApplyPair(item, new CoVisitationPair("x", $"i{other}", weight, 0));
                }

                double? CountOf(string id) => id.Length % 3;
                var all = aggregator.Neighbours(item, CountOf, 0);
                var sorted = item.CoCounts
                    .Select(kv => (Id: kv.Key, Similarity: CoVisitationSimilarity.Compute(kv.Value.Value, 1, CountOf(kv.Key) ?? 0, 1)))
                    .Where(n => n.Similarity > 0)
                    .OrderByDescending(n => n.Similarity)
                    .ThenBy(n => n.Id, StringComparer.Ordinal)
                    .Take(topK)
                    .Select(n => n.Id);
                return all.Select(n => n.ItemId).SequenceEqual(sorted);
            });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), prop);
    }

    [Fact]
    public void Dislikes_do_not_raise_popularity_or_the_item_count()
    {
        var aggregator = new ItemAggregator(new PopularityOptions(), new CoVisitationOptions());
        var item = new ItemAggregate("x");
        aggregator.ApplySignal(item, new ItemSignal("x", "u", EventType.Dislike, -4, 0, ["Drama"]));

        Assert.Equal(0, aggregator.PopularityAt(item, 0));
        Assert.Equal(0, aggregator.CountAt(item, 0));
        Assert.Equal(["Drama"], item.Genres);
    }
}
