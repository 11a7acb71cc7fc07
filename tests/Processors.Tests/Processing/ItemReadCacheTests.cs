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
    public void A_full_cache_starts_over_instead_of_growing()
    {
        var cache = new ItemReadCache(2);
        var reads = 0;
        ItemStats Read(string id)
        {
            reads++;
            return Stats(id, 1);
        }

        cache.Stats("a", Read);
        cache.Stats("b", Read);
        cache.Stats("c", Read);
        cache.Stats("c", Read);
        cache.Stats("a", Read);

        Assert.Equal(4, reads);
    }
}
