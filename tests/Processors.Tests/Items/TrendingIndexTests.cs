using RecoStreams.Processors.Items;

namespace RecoStreams.Processors.Tests.Items;

public sealed class TrendingIndexTests
{
    private static readonly long Day = (long)TimeSpan.FromDays(1).TotalMilliseconds;

    [Fact]
    public void Ranks_scores_published_at_different_times_by_their_decayed_value()
    {
        var index = new TrendingIndex(10, TimeSpan.FromDays(1));
        index.Update("old", 8, 0, []);        // worth 2 two days later
        index.Update("new", 3, 2 * Day, []);  // worth 3 then

        var top = index.Top(TrendingIndex.Overall, 10, 2 * Day);

        Assert.Equal(["new", "old"], top.Select(t => t.ItemId));
        Assert.Equal(2, top[1].Popularity, 6);
    }

    [Fact]
    public void Top_item_ids_follow_every_update_and_removal_of_the_facet()
    {
        var index = new TrendingIndex(10, TimeSpan.FromDays(1));
        index.Update("a", 1, 0, [TrendingIndex.Genre("Drama")]);
        index.Update("b", 2, 0, [TrendingIndex.Genre("Drama")]);
        Assert.Equal(["b", "a"], index.TopItemIds(TrendingIndex.Genre("Drama"), 5));

        index.Update("a", 3, 0, [TrendingIndex.Genre("Drama")]);
        Assert.Equal(["a", "b"], index.TopItemIds(TrendingIndex.Genre("Drama"), 5));
        Assert.Equal(["a"], index.TopItemIds(TrendingIndex.Genre("Drama"), 1));

        index.Remove("a");
        Assert.Equal(["b"], index.TopItemIds(TrendingIndex.Genre("Drama"), 5));
        Assert.Equal(index.Top(TrendingIndex.Overall, 5, 0).Select(t => t.ItemId), index.TopItemIds(TrendingIndex.Overall, 5));
        Assert.Empty(index.TopItemIds(TrendingIndex.Genre("Horror"), 5));
    }

    [Fact]
    public void Keeps_a_bounded_top_n_per_facet_and_replaces_an_items_previous_entry()
    {
        var index = new TrendingIndex(2, TimeSpan.FromDays(1));
        index.Update("a", 1, 0, [TrendingIndex.Genre("Drama")]);
        index.Update("b", 2, 0, [TrendingIndex.Genre("Drama")]);
        index.Update("c", 3, 0, [TrendingIndex.Genre("Drama")]);
        index.Update("b", 5, 0, [TrendingIndex.Genre("Drama")]);

        Assert.Equal(["b", "c"], index.Top(TrendingIndex.Genre("Drama"), 10, 0).Select(t => t.ItemId));
        Assert.Equal(0, index.PopularityOf("a", 0));
    }

    [Fact]
    public void An_item_with_no_popularity_leaves_the_index()
    {
        var index = new TrendingIndex(5, TimeSpan.FromDays(1));
        index.Update("a", 1, 0, []);
        index.Update("a", 0, 0, []);

        Assert.Empty(index.Top(TrendingIndex.Overall, 5, 0));
    }

    [Fact]
    public void Catalog_facets_join_later_updates_and_a_catalog_removal_drops_the_item()
    {
        var index = new TrendingIndex(5, TimeSpan.FromDays(1));
        index.SetCatalogFacets("a", [TrendingIndex.Creator("King")]);
        index.Update("a", 2, 0, [TrendingIndex.Genre("Horror")]);

        Assert.Equal(["a"], index.Top(TrendingIndex.Creator("King"), 5, 0).Select(t => t.ItemId));
        Assert.Equal(["a"], index.Top(TrendingIndex.Genre("Horror"), 5, 0).Select(t => t.ItemId));

        index.SetCatalogFacets("a", null);
        Assert.Empty(index.Top(TrendingIndex.Overall, 5, 0));
    }
}
