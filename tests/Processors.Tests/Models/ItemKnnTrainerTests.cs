using RecoStreams.Processors.Models;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Tests.Models;

public sealed class ItemKnnTrainerTests
{
    private static readonly Interaction[] Log =
    [
        new("u1", "a", 0, 1), new("u1", "b", 0, 1),
        new("u2", "a", 0, 1), new("u2", "b", 0, 1),
        new("u3", "a", 0, 1), new("u3", "c", 0, 1),
    ];

    [Theory]
    [InlineData(0.0)]
    [InlineData(2.0)]
    public void Similarity_is_the_cosine_with_shrinkage_in_the_denominator(double shrinkage)
    {
        var model = new ItemKnnTrainer(new ItemKnnOptions { Shrinkage = shrinkage }).Train(Log, TestContext.Current.CancellationToken);

        // a: 3 users, b: 2 (both with a), c: 1 (with a).
        var neighbours = model.NeighboursOf("a").ToDictionary(n => n.ItemId, n => n.Score);
        Assert.Equal(2 / ((Math.Sqrt(3) * Math.Sqrt(2)) + shrinkage), neighbours["b"], 5);
        Assert.Equal(1 / ((Math.Sqrt(3) * 1) + shrinkage), neighbours["c"], 5);
        Assert.DoesNotContain(model.NeighboursOf("b"), n => n.ItemId == "c");
    }

    [Fact]
    public void A_recency_half_life_lets_recent_co_occurrence_outrank_older_but_more_frequent_co_occurrence()
    {
        var day = (long)TimeSpan.FromDays(1).TotalMilliseconds;
        Interaction[] log =
        [
            new("old1", "a", 0, 1), new("old1", "b", 0, 1),
            new("old2", "a", 0, 1), new("old2", "b", 0, 1),
            new("new1", "a", 100 * day, 1), new("new1", "c", 100 * day, 1),
        ];

        var plain = new ItemKnnTrainer(new ItemKnnOptions { Shrinkage = 0 }).Train(log, TestContext.Current.CancellationToken);
        var recent = new ItemKnnTrainer(new ItemKnnOptions { Shrinkage = 1, RecencyHalfLife = TimeSpan.FromDays(10) })
            .Train(log, TestContext.Current.CancellationToken);

        Assert.Equal("b", plain.NeighboursOf("a")[0].ItemId);
        Assert.Equal("c", recent.NeighboursOf("a")[0].ItemId);
    }

    [Fact]
    public void Keeps_at_most_top_k_neighbours_per_item()
    {
        var log = Enumerable.Range(0, 10).SelectMany(i => new Interaction[] { new($"u{i}", "a", 0, 1), new($"u{i}", $"x{i}", 0, 1) }).ToArray();

        var model = new ItemKnnTrainer(new ItemKnnOptions { TopK = 3 }).Train(log, TestContext.Current.CancellationToken);

        Assert.Equal(3, model.NeighboursOf("a").Count);
    }
}
