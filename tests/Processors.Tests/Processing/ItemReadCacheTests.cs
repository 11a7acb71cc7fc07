using FsCheck;
using FsCheck.Fluent;
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

    [Fact]
    public void Published_stats_answer_later_reads_without_reading_the_store_replacing_a_kept_value_or_miss()
    {
        var cache = new ItemReadCache(100);
        var reads = 0;
        ItemStats? Read(string id)
        {
            reads++;
            return id == "a" ? Stats("a", 1) : null;
        }

        Assert.Equal(1, cache.Stats("a", Read)?.UpdatedAtMs);
        Assert.Null(cache.Stats("b", Read));

        var published = Stats("b", 2);
        cache.StatsPublished("a", Stats("a", 2));
        cache.StatsPublished("b", published);

        Assert.Equal(2, cache.Stats("a", Read)?.UpdatedAtMs);
        Assert.Same(published, cache.Stats("b", Read));
        Assert.Equal(2, reads);
    }

    [Fact]
    public void A_read_that_took_the_old_value_before_a_publication_is_returned_but_not_kept_even_across_a_turnover()
    {
        var cache = new ItemReadCache(4);
        var current = Stats("a", 1);

        // While this read is under way the global thread publishes a's new stats, then x's, which turns the young
        // generation over: the old value would otherwise land in the new young generation.
        var first = cache.Stats("a", _ =>
        {
            var read = current;
            current = Stats("a", 2);
            cache.StatsPublished("a", current);
            cache.StatsPublished("x", Stats("x", 2));
            return read;
        });

        Assert.Equal(1, first?.UpdatedAtMs);
        Assert.Equal(2, cache.Stats("a", _ => throw new InvalidOperationException("a was published"))?.UpdatedAtMs);
    }

    [Fact]
    public void Publications_fill_the_generations_like_reads_and_a_full_cache_drops_the_oldest()
    {
        var cache = new ItemReadCache(4);
        foreach (var id in new[] { "a", "b", "c", "d", "e" })
        {
            cache.StatsPublished(id, Stats(id, 1));
        }

        // Generations of two: a and b filled the first, c and d the next, e is in the young one; a is gone.
        var reads = new List<string>();
        foreach (var id in new[] { "e", "d", "a" })
        {
            cache.Stats(id, id =>
            {
                reads.Add(id);
                return Stats(id, 0);
            });
        }

        Assert.Equal(["a"], reads);
    }

    [Fact]
    public void Reads_answer_what_the_table_holds_under_any_sequence_of_publications_removals_and_reads()
    {
        var ids = new[] { "a", "b", "c", "d", "e", "f" };
        var step = Gen.Choose(0, 2).Zip(Gen.Elements(ids)).Zip(Gen.Choose(0, 9));
        var run = Gen.Choose(1, 8).Zip(step.ListOf());
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(run.ToArbitrary(), r =>
        {
            var (capacity, steps) = r;
            var cache = new ItemReadCache(capacity);
            var table = new Dictionary<string, ItemStats>();
            foreach (var ((kind, id), at) in steps)
            {
                switch (kind)
                {
                    case 0:
                        table[id] = Stats(id, at);
                        cache.StatsPublished(id, table[id]);
                        break;
                    case 1:
                        table.Remove(id);
                        cache.StatsChanged(id);
                        break;
                    default:
                        if (!Equals(cache.Stats(id, table.GetValueOrDefault), table.GetValueOrDefault(id)))
                        {
                            return false;
                        }

                        break;
                }
            }

            return true;
        }));
    }
}
