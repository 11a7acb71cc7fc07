using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Options;
using RecoStreams.Processors.Processing;
using RecoStreams.Streams.Errors;
using RecoStreams.Streams.State;
using static RecoStreams.Processors.Tests.Support.TestData;

namespace RecoStreams.Processors.Tests.Processing;

public sealed class ByUserProcessorsTests
{
    private static EngagementEvent At(ByUserTopology t, string user, string item, EventType type = EventType.View, string? id = null, double? rating = null) =>
        Event(user, item, type, t.Now, rating, id);

    [Fact]
    public void Invalid_events_go_to_the_dead_letter_topic_with_the_reason_and_processing_continues()
    {
        using var t = new ByUserTopology();
        t.AddItem(Item("a"));

        t.Send(At(t, "u", "a", EventType.Rating, rating: 7));
        t.Send(At(t, "u", "a"));

        var dead = Assert.Single(t.DlqOutput.ReadRecordsToList());
        Assert.StartsWith("RatingOutOfRange", dead.Headers.LastString(DeadLetterHeaders.Reason));
        Assert.Equal(1, t.Counters.InvalidEvents);
        Assert.Single(t.ItemUpdateOutput.ReadRecordsToList());
    }

    [Fact]
    public void Duplicate_event_ids_within_the_window_are_dropped_and_counted()
    {
        using var t = new ByUserTopology(new ValidationOptions { DedupWindow = TimeSpan.FromMinutes(10), DedupPurgeInterval = TimeSpan.FromMinutes(1) });
        t.AddItem(Item("a"));

        t.Send(At(t, "u", "a", id: "e1"));
        t.Send(At(t, "u", "a", id: "e1"));
        Assert.Equal(1, t.Counters.DuplicatesDropped);
        Assert.Single(t.ItemUpdateOutput.ReadRecordsToList());

        t.Driver.AdvanceWallClockTime(TimeSpan.FromMinutes(11));
        Assert.Equal(0, t.Driver.GetKeyValueStore<string, long>("event-ids").ApproximateNumEntries);
        t.Send(At(t, "u", "a", id: "e1"));
        Assert.Single(t.ItemUpdateOutput.ReadRecordsToList());
    }

    [Fact]
    public void Events_for_items_not_yet_in_the_catalog_wait_and_are_released_when_the_item_arrives()
    {
        using var t = new ByUserTopology();

        t.Send(At(t, "u", "late", id: "e1"));
        t.Send(At(t, "u", "late", id: "e2"));
        Assert.True(t.ItemUpdateOutput.IsEmpty);
        Assert.Equal(2, t.Counters.PendingHeld);

        t.AddItem(Item("late"));
        t.Driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));

        var signals = t.ItemUpdateOutput.ReadRecordsToList().Select(r => r.Value.Signal).OfType<ItemSignal>().ToList();
        Assert.Equal(2, signals.Count);
        Assert.All(signals, s => Assert.Equal("late", s.ItemId));
        Assert.Equal(0, t.Driver.GetKeyValueStore<string, PendingEvents>("pending").ApproximateNumEntries);
    }

    [Fact]
    public void An_event_for_an_arrived_item_releases_the_parked_ones_first()
    {
        using var t = new ByUserTopology();
        t.Send(At(t, "u", "late", EventType.Like, id: "first"));
        t.AddItem(Item("late"));

        t.Send(At(t, "u", "late", EventType.View, id: "second"));

        var types = t.ItemUpdateOutput.ReadRecordsToList().Select(r => r.Value.Signal!.Type);
        Assert.Equal([EventType.Like, EventType.View], types);
    }

    [Fact]
    public void Parked_events_expire_to_the_dead_letter_child_after_the_ttl()
    {
        using var t = new ByUserTopology(new ValidationOptions { PendingEnrichmentTtl = TimeSpan.FromMinutes(2) });
        t.Send(At(t, "u", "ghost", id: "e1"));

        t.Driver.AdvanceWallClockTime(TimeSpan.FromMinutes(1));
        Assert.True(t.PendingDlqOutput.IsEmpty);
        t.Driver.AdvanceWallClockTime(TimeSpan.FromMinutes(1));

        var expired = Assert.Single(t.PendingDlqOutput.ReadRecordsToList());
        Assert.Equal("e1", expired.Value.EventId);
        Assert.StartsWith(PendingEnrichmentProcessor.ReasonMissingItem, expired.Headers.LastString(DeadLetterHeaders.Reason));
        Assert.Equal(1, t.Counters.PendingExpired);
    }

    [Fact]
    public void Parked_events_beyond_the_per_item_bound_are_dead_lettered_oldest_first()
    {
        using var t = new ByUserTopology(new ValidationOptions { PendingPerItemCapacity = 2 });
        foreach (var id in new[] { "e1", "e2", "e3" })
        {
            t.Send(At(t, "u", "ghost", id: id));
        }

        var expired = Assert.Single(t.PendingDlqOutput.ReadRecordsToList());
        Assert.Equal("e1", expired.Value.EventId);
        Assert.StartsWith(PendingEnrichmentProcessor.ReasonOverflow, expired.Headers.LastString(DeadLetterHeaders.Reason));
    }

    [Fact]
    public void Recommendations_are_emitted_by_the_punctuator_only_when_the_list_changes()
    {
        using var t = new ByUserTopology();
        t.AddItem(Item("a", ["Drama"]), popularity: 50);
        t.AddItem(Item("b", ["Drama"]), popularity: 40);
        t.AddItem(Item("c", ["Drama"]), popularity: 30);
        t.AddItem(Item("d", ["Drama"]), popularity: 20);

        t.Send(At(t, "u", "a"));
        Assert.True(t.RecommendationOutput.IsEmpty);
        t.Driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));
        var first = t.RecommendationOutput.ReadValue();
        Assert.Equal(["b", "c", "d"], first.List.Items.Select(i => i.ItemId));
        Assert.Equal((RecomputeTrigger.Punctuation, 0), (first.Trigger, first.PreviousItemIds.Count));

        t.RefreshInput.PipeInput("u", new RefreshRequest("u", t.Now), t.Driver.WallClockMs);
        t.Driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));
        Assert.True(t.RecommendationOutput.IsEmpty);

        t.Send(At(t, "u", "c"));
        t.Driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));
        var second = t.RecommendationOutput.ReadValue();
        Assert.Equal(["b", "d"], second.List.Items.Select(i => i.ItemId));
        Assert.Equal(["b", "c", "d"], second.PreviousItemIds);
        Assert.True(second.Version > first.Version);
        Assert.Equal(2, t.Counters.RecommendationsEmitted);
    }

    [Fact]
    public void A_user_whose_latest_event_is_older_than_the_catch_up_age_waits_for_the_catch_up_pass_and_a_fresh_event_does_not()
    {
        var options = new RecommenderOptions();
        using var t = new ByUserTopology();
        t.AddItem(Item("a", ["Drama"]), popularity: 50);
        t.AddItem(Item("b", ["Drama"]), popularity: 40);
        t.AddItem(Item("c", ["Drama"]), popularity: 30);
        t.AddItem(Item("d", ["Drama"]), popularity: 20);
        t.Send(At(t, "u", "a"));
        t.Driver.AdvanceWallClockTime(TimeSpan.FromSeconds(10));
        Assert.Equal(["b", "c", "d"], t.RecommendationOutput.ReadValue().List.Items.Select(i => i.ItemId));

        // An event from a backlog: its time is well before the clock, so its list waits for the next catch-up pass.
        t.Send(Event("u", "b", at: t.Now - options.CatchUpEventAge - TimeSpan.FromSeconds(1)));
        t.Driver.AdvanceWallClockTime(options.RecomputeInterval);
        Assert.True(t.RecommendationOutput.IsEmpty);
        Assert.Equal(1, t.Counters.UsersAwaitingCatchUp);
        Assert.True(t.Driver.GetKeyValueStore<string, long>("dirty-users").TryGet("u", out _));

        t.Driver.AdvanceWallClockTime(options.CatchUpRecomputeInterval);
        Assert.Equal(["c", "d"], t.RecommendationOutput.ReadValue().List.Items.Select(i => i.ItemId));
        Assert.Equal(0, t.Counters.UsersAwaitingCatchUp);

        // A fresh event is recomputed at the next pass, not the next catch-up pass.
        t.Send(At(t, "u", "c"));
        t.Driver.AdvanceWallClockTime(options.RecomputeInterval);
        Assert.Equal(["d"], t.RecommendationOutput.ReadValue().List.Items.Select(i => i.ItemId));
    }

    [Fact]
    public void A_first_list_that_comes_out_empty_is_retried_until_item_popularity_arrives_not_published()
    {
        using var t = new ByUserTopology();
        t.AddItem(Item("a", ["Drama"]));
        t.AddItem(Item("b", ["Drama"]));

        t.Send(At(t, "u", "a"));
        t.Driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));
        Assert.True(t.RecommendationOutput.IsEmpty);
        Assert.Null(t.Driver.GetKeyValueStore<string, RecommendationList>("recommendations").Get("u"));

        t.AddItem(Item("b", ["Drama"]), popularity: 10);
        t.Driver.AdvanceWallClockTime(TimeSpan.FromSeconds(1));
        Assert.Equal(["b"], t.RecommendationOutput.ReadValue().List.Items.Select(i => i.ItemId));
    }

    [Fact]
    public void After_the_retry_window_an_empty_list_is_published_and_the_user_is_no_longer_retried()
    {
        using var t = new ByUserTopology();
        t.AddItem(Item("a", ["Drama"]));

        t.Send(At(t, "u", "a"));
        t.Driver.AdvanceWallClockTime(new RecommenderOptions().EmptyListRetryWindow + TimeSpan.FromSeconds(1));

        Assert.Empty(t.RecommendationOutput.ReadValue().List.Items);
        Assert.False(t.Driver.GetKeyValueStore<string, long>("dirty-users").TryGet("u", out _));
    }

    [Fact]
    public void A_refresh_request_recomputes_its_user_immediately()
    {
        using var t = new ByUserTopology();
        t.AddItem(Item("a"), popularity: 5);

        t.RefreshInput.PipeInput("new-user", new RefreshRequest("new-user", t.Now), t.Driver.WallClockMs);

        var update = t.RecommendationOutput.ReadValue();
        Assert.Equal((UserClass.ColdStart, "a"), (update.List.UserClass, update.List.Items.Single().ItemId));
        Assert.Equal(RecomputeTrigger.Refresh, update.Trigger);
        Assert.NotNull(t.Driver.GetKeyValueStore<string, RecommendationList>("recommendations").Get("new-user"));
    }

    [Fact]
    public void Removed_catalog_items_are_no_longer_recommended()
    {
        using var t = new ByUserTopology();
        t.AddItem(Item("a"), popularity: 5);
        t.AddItem(Item("b"), popularity: 4);

        t.CatalogInput.PipeInput("a", null!, t.Driver.WallClockMs);
        t.RefreshInput.PipeInput("u", new RefreshRequest("u", t.Now), t.Driver.WallClockMs);

        Assert.Equal(["b"], t.RecommendationOutput.ReadValue().List.Items.Select(i => i.ItemId));
    }

    [Fact]
    public void Profile_updates_emit_item_signals_and_co_visitation_pairs_keyed_by_item()
    {
        using var t = new ByUserTopology();
        t.AddItem(Item("a"));
        t.AddItem(Item("b"));

        t.Send(At(t, "u", "a"));
        t.Send(At(t, "u", "b", EventType.Like));

        var updates = t.ItemUpdateOutput.ReadRecordsToList();
        // b's own pair rides with its signal; a gets its pair alone: 1 + 1 records for the second event, not 1 + 2.
        Assert.Equal(["a", "b", "a"], updates.Select(u => u.Key));
        Assert.Equal([true, true, false], updates.Select(u => u.Value.Signal is not null));
        Assert.Equal(
            [[], [("b", "a")], [("a", "b")]],
            updates.Select(u => u.Value.Pairs.Select(p => (p.ItemId, p.OtherItemId)).ToArray()));
        Assert.Equal(2, t.Driver.GetKeyValueStore<string, UserProfile>("profiles").Get("u")!.Interactions);
        Assert.Equal((2, 3), (t.Counters.EventsApplied, t.Counters.ItemUpdatesSent));
    }
}
