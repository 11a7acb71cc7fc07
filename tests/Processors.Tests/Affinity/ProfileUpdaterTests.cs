using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Options;
using static RecoStreams.Processors.Tests.Support.TestData;

namespace RecoStreams.Processors.Tests.Affinity;

public sealed class ProfileUpdaterTests
{
    private readonly ProfileUpdater _updater = new(new AffinityOptions { RecentItemsCapacity = 3 }, new CoVisitationOptions { MaxRecentItems = 2 });

    private ProfileUpdate Apply(UserProfile p, EngagementEvent e, CatalogItem item) => _updater.Apply(p, new EnrichedEvent(e, item));

    [Fact]
    public void Affinity_per_genre_creator_language_and_tag_decays_with_a_14_day_half_life()
    {
        var p = _updater.NewProfile("u");
        var item = Item("i", ["Drama"], ["Nolan"], language: "en", tags: ["space"]);
        Apply(p, Event("u", "i", EventType.Like), item);
        Apply(p, Event("u", "i2", EventType.View, T0.AddDays(14)), Item("i2", ["Drama"]));

        var halfLife = TimeSpan.FromDays(14).TotalMilliseconds;
        Assert.Equal((3 * 0.5) + 1, p.Genres["Drama"].Value, 10);
        Assert.Equal(1.5, p.Creators["Nolan"].ValueAt(Ms(T0.AddDays(14)), halfLife), 10);
        Assert.Equal(3, p.Languages["en"].Value, 10);
        Assert.Equal(3, p.Tags["space"].Value, 10);
    }

    [Fact]
    public void Keeps_counts_first_and_last_engagement_and_a_bounded_newest_first_recent_list()
    {
        var p = _updater.NewProfile("u");
        for (var i = 0; i < 5; i++)
        {
            Apply(p, Event("u", $"i{i}", EventType.View, T0.AddMinutes(i)), Item($"i{i}"));
        }

        Apply(p, Event("u", "old", EventType.Like, T0.AddMinutes(-10)), Item("old"));

        Assert.Equal(5, p.Counts[EventType.View]);
        Assert.Equal(1, p.Counts[EventType.Like]);
        Assert.Equal(Ms(T0.AddMinutes(-10)), p.FirstEngagementMs);
        Assert.Equal(Ms(T0.AddMinutes(4)), p.LastEngagementMs);
        Assert.Equal(["i4", "i3", "i2"], p.Recent.Select(r => r.ItemId));
        Assert.True(p.Seen.Contains("i0") && p.Seen.Contains("old"));
    }

    [Fact]
    public void Dislikes_and_low_ratings_enter_the_disliked_set_and_a_later_like_removes_them()
    {
        var p = _updater.NewProfile("u");
        Apply(p, Event("u", "a", EventType.Dislike), Item("a"));
        Apply(p, Event("u", "b", EventType.Rating, rating: 1), Item("b"));
        Assert.True(p.Disliked.Contains("a") && p.Disliked.Contains("b"));

        Apply(p, Event("u", "a", EventType.Like, T0.AddMinutes(1)), Item("a"));
        Assert.False(p.Disliked.Contains("a"));
    }

    [Fact]
    public void Positive_engagement_pairs_with_recent_positive_items_within_the_session_gap_in_both_directions()
    {
        var p = _updater.NewProfile("u");
        Apply(p, Event("u", "old", EventType.View, T0.AddDays(-2)), Item("old"));
        Apply(p, Event("u", "bad", EventType.Dislike, T0.AddMinutes(-2)), Item("bad"));
        Apply(p, Event("u", "a", EventType.View, T0.AddMinutes(-1)), Item("a"));

        var update = Apply(p, Event("u", "b", EventType.Like), Item("b", ["Drama"]));

        Assert.Equal([("b", "a"), ("a", "b")], update.Pairs.Select(x => (x.ItemId, x.OtherItemId)));
        Assert.Equal(new ItemSignal("b", "u", EventType.Like, 3, Ms(T0), update.Signal.Genres), update.Signal);
    }

    [Fact]
    public void Pairs_weigh_less_the_further_back_the_other_item_is_in_the_users_history()
    {
        var updater = new ProfileUpdater(new AffinityOptions(), new CoVisitationOptions { MaxRecentItems = 3, ProximityExponent = 0.5 });
        var p = updater.NewProfile("u");
        foreach (var (item, minutesAgo) in new[] { ("c", 3), ("b", 2), ("a", 1) })
        {
            updater.Apply(p, new EnrichedEvent(Event("u", item, EventType.View, T0.AddMinutes(-minutesAgo)), Item(item)));
        }

        var pairs = updater.Apply(p, new EnrichedEvent(Event("u", "new", EventType.View), Item("new"))).Pairs;

        // d-th most recent: weight d^-0.5, the same in both directions.
        var weights = pairs.Where(x => x.ItemId == "new").ToDictionary(x => x.OtherItemId, x => x.Weight);
        Assert.Equal(1.0, weights["a"], 12);
        Assert.Equal(1 / Math.Sqrt(2), weights["b"], 12);
        Assert.Equal(1 / Math.Sqrt(3), weights["c"], 12);
        Assert.All(pairs.Where(x => x.OtherItemId == "new"), x => Assert.Equal(weights[x.ItemId], x.Weight, 12));
    }

    [Fact]
    public void Negative_engagement_emits_no_pairs()
    {
        var p = _updater.NewProfile("u");
        Apply(p, Event("u", "a", EventType.View, T0.AddMinutes(-1)), Item("a"));

        Assert.Empty(Apply(p, Event("u", "b", EventType.Dislike), Item("b")).Pairs);
    }

    [Fact]
    public void Seen_set_moves_evicted_ids_to_the_bloom_filter_and_still_excludes_them()
    {
        var seen = new SeenItems(2, new BloomFilter(1024, 4));
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            seen.Add(id);
        }

        Assert.Equal(["c", "d"], seen.Exact.Items);
        Assert.True(seen.Contains("a") && seen.Contains("b"));
        Assert.False(seen.Overflow.MightContain("c"));
    }
}
