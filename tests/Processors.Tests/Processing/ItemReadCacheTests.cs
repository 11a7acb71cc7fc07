using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Processing;
using static RecoStreams.Processors.Tests.Support.TestData;

namespace RecoStreams.Processors.Tests.Processing;

public sealed class ItemReadCacheTests
{
    private static ItemStats Stats(string itemId, long at) => new(itemId, at, [], 1, 1, [], []);

    [Fact]
    public void Reads_each_item_and_its_stats_once_including_misses_until_the_table_changes_them()
    {
        var cache = new ItemReadCache(100);
        var table = new Dictionary<string, CatalogItem> { ["a"] = Item("a") };
        var reads = 0;
        CatalogItem? Read(string id)
        {
            reads++;
            return table.GetValueOrDefault(id);
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("a", cache.Item("a", Read)?.ItemId);
            Assert.Null(cache.Item("missing", Read));
        }

        Assert.Equal(2, reads);

        table["missing"] = Item("missing");
        cache.ItemChanged("missing");

        Assert.Equal("missing", cache.Item("missing", Read)?.ItemId);
        Assert.Equal(3, reads);
    }

    [Fact]
    public void A_stats_read_that_races_a_change_is_returned_but_not_kept()
    {
        var cache = new ItemReadCache(100);
        var current = Stats("a", 1);

        // The global thread publishes new stats while this read is under way.
        var first = cache.Stats("a", _ =>
        {
            var read = current;
            current = Stats("a", 2);
            cache.StatsChanged("a");
            return read;
        });

        Assert.Equal(1, first?.UpdatedAtMs);
        Assert.Equal(2, cache.Stats("a", _ => current)?.UpdatedAtMs);
    }

    [Fact]
    public void A_full_cache_drops_the_items_not_read_since_the_last_turnover_instead_of_growing()
    {
        var cache = new ItemReadCache(4);
        var reads = new List<string>();
        ItemStats Read(string id)
        {
            reads.Add(id);
            return Stats(id, 1);
        }

        // Generations of two: a and b fill the young one, c and d the next; a and b are gone after that.
        foreach (var id in new[] { "a", "b", "c", "d", "c", "d", "a", "b" })
        {
            cache.Stats(id, Read);
        }

        Assert.Equal(["a", "b", "c", "d", "a", "b"], reads);
    }

    [Fact]
    public void An_item_read_again_before_the_next_turnover_stays_while_the_others_are_dropped()
    {
        var cache = new ItemReadCache(4);
        var reads = new List<string>();
        ItemStats Read(string id)
        {
            reads.Add(id);
            return Stats(id, 1);
        }

        // hot is read after every other item: it moves back into the young generation each time it ages.
        foreach (var id in new[] { "hot", "a", "hot", "b", "hot", "c", "hot", "a" })
        {
            cache.Stats(id, Read);
        }

        Assert.Equal(["hot", "a", "b", "c", "a"], reads);
    }

    [Fact]
    public void A_change_drops_an_item_from_the_old_generation_too()
    {
        var cache = new ItemReadCache(2);
        var current = Stats("a", 1);
        cache.Stats("a", _ => current);

        current = Stats("a", 2);
        cache.StatsChanged("a");

        Assert.Equal(2, cache.Stats("a", _ => current)?.UpdatedAtMs);
    }
}
