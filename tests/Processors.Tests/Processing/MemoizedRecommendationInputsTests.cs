using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Processors.Processing;
using RecoStreams.Processors.Recommending;
using RecoStreams.Processors.Tests.Support;
using static RecoStreams.Processors.Tests.Support.TestData;

namespace RecoStreams.Processors.Tests.Processing;

public sealed class MemoizedRecommendationInputsTests
{
    [Fact]
    public void Reads_each_item_and_its_stats_once_per_pass_including_misses_and_answers_as_the_table_did()
    {
        var table = new CountingInputs(new FakeInputs().Add(Item("a"), 1).Neighbours("a", ("b", 0.5)));
        var pass = new MemoizedRecommendationInputs(table);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("a", pass.FindItem("a")?.ItemId);
            Assert.Null(pass.FindItem("missing"));
            Assert.Equal("b", Assert.Single(pass.FindStats("a")!.Neighbours).ItemId);
            Assert.Null(pass.FindStats("missing"));
        }

        Assert.Equal(2, table.ItemReads);
        Assert.Equal(2, table.StatsReads);
        Assert.Same(table.Trending, pass.Trending);
    }

    [Fact]
    public void A_new_pass_sees_changes_made_to_the_table_since_the_last_one()
    {
        var fake = new FakeInputs().Add(Item("a"), 1);
        var first = new MemoizedRecommendationInputs(fake);
        Assert.Null(first.FindStats("a"));

        fake.Neighbours("a", ("b", 0.5));

        Assert.Null(first.FindStats("a"));
        Assert.NotNull(new MemoizedRecommendationInputs(fake).FindStats("a"));
    }

    private sealed class CountingInputs(IRecommendationInputs inner) : IRecommendationInputs
    {
        public int ItemReads { get; private set; }

        public int StatsReads { get; private set; }

        public TrendingIndex Trending => inner.Trending;

        public CatalogItem? FindItem(string itemId)
        {
            ItemReads++;
            return inner.FindItem(itemId);
        }

        public ItemStats? FindStats(string itemId)
        {
            StatsReads++;
            return inner.FindStats(itemId);
        }
    }
}
