using System.Text;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Processors.Processing;
using RecoStreams.Streams.Errors;
using RecoStreams.Streams.State;
using RecoStreams.Topology.Tests.Support;
using Xunit;
using static RecoStreams.Topology.Tests.Support.RecoScenario;
using Contracts = RecoStreams.Avro.Contracts;

namespace RecoStreams.Topology.Tests.Scenario;

/// <summary>Dead letters, held events, catalog removal and change-only emission through the full topology.</summary>
public sealed class RecoStreamsTopologyBehaviourTests
{
    private static readonly DateTimeOffset Now = T0.AddHours(1);

    private static async Task<RecoDriver> StartWithHistoryAsync()
    {
        var reco = await RecoDriver.StartAsync(StateStoreKind.InMemory, Now);
        reco.AddCatalog(Catalog);
        reco.Send(BackgroundEvents);
        reco.Tick();
        reco.Send(AliceEvents);
        reco.Tick();
        return reco;
    }

    [Fact]
    public async Task Undecodable_bytes_land_in_the_dlq_with_a_deserialization_reason_and_processing_continues()
    {
        using var reco = await RecoDriver.StartAsync(StateStoreKind.InMemory, Now);
        reco.AddCatalog(Catalog);
        reco.Send(BackgroundEvents);
        reco.Tick();
        var garbage = Encoding.UTF8.GetBytes("not avro at all");

        reco.RawEvents.PipeRawInput(Encoding.UTF8.GetBytes(Alice), garbage, Now.ToUnixTimeMilliseconds());
        reco.Send(AliceEvents);
        reco.Tick();

        var dead = Assert.Single(reco.DeadLetters.ReadRecordsToList());
        Assert.Equal(garbage, dead.Value);
        Assert.Equal(Alice, Encoding.UTF8.GetString(dead.Key));
        Assert.Equal("deserialization", dead.Headers.LastString(DeadLetterHeaders.Stage));
        Assert.False(string.IsNullOrWhiteSpace(dead.Headers.LastString(DeadLetterHeaders.Reason)));
        Assert.Equal(RecoTopics.EngagementEvents, dead.Headers.LastString(DeadLetterHeaders.SourceTopic));
        Assert.Contains(reco.ReadRecommendations(), r => r.UserId == Alice);
    }

    [Fact]
    public async Task A_valid_avro_event_with_rating_9_lands_in_the_dlq_with_the_rejection_reason()
    {
        using var reco = await RecoDriver.StartAsync(StateStoreKind.InMemory, Now);
        reco.AddCatalog(Catalog);

        reco.Send([View(Alice, "d1", 5, EventType.Rating, rating: 9)]);
        reco.Tick();

        var dead = Assert.Single(reco.DeadLetters.ReadRecordsToList());
        Assert.StartsWith(nameof(Processors.Validation.RejectionReason.RatingOutOfRange), dead.Headers.LastString(DeadLetterHeaders.Reason));
        Assert.Equal(1, reco.Reco.Counters.InvalidEvents);
        Assert.DoesNotContain(reco.ReadRecommendations(), r => r.UserId == Alice);
    }

    [Fact]
    public async Task An_event_for_an_unknown_item_is_held_and_released_when_the_catalog_item_arrives()
    {
        using var reco = await RecoDriver.StartAsync(StateStoreKind.InMemory, Now);
        reco.AddCatalog(Catalog);

        reco.Send([View(Alice, "new-drama", 5)]);
        reco.Tick();
        Assert.Equal(1, reco.Reco.Counters.PendingHeld);
        Assert.Null(reco.Driver.GetKeyValueStore<string, UserProfile>(RecoStoreNames.Profiles).Get(Alice));
        Assert.Empty(reco.DeadLetters.ReadRecordsToList());

        reco.AddCatalog([Item("new-drama", "Drama", "Director A")]);
        reco.Tick();

        var profile = reco.Driver.GetKeyValueStore<string, UserProfile>(RecoStoreNames.Profiles).Get(Alice);
        Assert.NotNull(profile);
        Assert.Contains(profile.Recent, r => r.ItemId == "new-drama");
        Assert.Empty(reco.DeadLetters.ReadRecordsToList());
    }

    [Fact]
    public async Task A_restarted_instance_rebuilds_the_trending_index_from_its_stored_catalog_and_item_stats()
    {
        var first = await RecoDriver.StartAsync(StateStoreKind.RocksDb, Now);
        first.AddCatalog(Catalog);
        first.Send(BackgroundEventsAt(Now.AddMinutes(-10)));
        first.Tick();
        var nowMs = first.Driver.WallClockMs;
        var before = first.Reco.Trending.Top(TrendingIndex.Genre("Drama"), 10, nowMs);
        var byCreator = first.Reco.Trending.Top(TrendingIndex.Creator("Director A"), 10, nowMs);
        Assert.NotEmpty(before);
        Assert.NotEmpty(byCreator);

        using var restarted = first.Restart();

        Assert.Equal(before, restarted.Reco.Trending.Top(TrendingIndex.Genre("Drama"), 10, nowMs));
        Assert.Equal(byCreator, restarted.Reco.Trending.Top(TrendingIndex.Creator("Director A"), 10, nowMs));
    }

    [Fact]
    public async Task A_catalog_tombstone_removes_the_item_from_later_lists()
    {
        using var reco = await StartWithHistoryAsync();
        var before = reco.ReadRecommendations().Last(r => r.UserId == Alice);
        Assert.Contains(before.Items, i => i.ItemId == "d2");

        reco.Catalog.PipeInput("d2", null!, reco.Driver.WallClockMs);
        reco.Send([View(Alice, "c1", 20)]);
        reco.Tick();

        var after = reco.ReadRecommendations().Last(r => r.UserId == Alice);
        Assert.DoesNotContain(after.Items, i => i.ItemId == "d2");
        Assert.DoesNotContain(after.Items, i => i.ItemId == "c1");
        Assert.Contains(after.Items, i => i.ItemId == "d3");
    }

    [Fact]
    public async Task Recommendation_updated_is_emitted_only_when_the_list_changed()
    {
        using var reco = await StartWithHistoryAsync();
        var first = reco.ReadRecommendations().Last(r => r.UserId == Alice);
        var emitted = reco.Reco.Counters.RecommendationsEmitted;

        // Another view of the item she already watched: her profile changes, her top-N does not.
        reco.Send([View(Alice, "d1", 30)]);
        reco.Tick();
        Assert.DoesNotContain(reco.ReadRecommendations(), r => r.UserId == Alice);
        Assert.Equal(emitted, reco.Reco.Counters.RecommendationsEmitted);

        // Watching d2 removes it from her list: a changed list is emitted.
        reco.Send([View(Alice, "d2", 31)]);
        reco.Tick();
        var changed = Assert.Single(reco.ReadRecommendations(), r => r.UserId == Alice);
        Assert.DoesNotContain(changed.Items, i => i.ItemId == "d2");
        Assert.NotEqual(first.Items.Select(i => i.ItemId), changed.Items.Select(i => i.ItemId));

        // Subscribers see what the list replaced, why it was recomputed, and a version above the last.
        Assert.Equal(first.Items.Select(i => i.ItemId), changed.PreviousItemIds);
        Assert.Equal("punctuation", changed.Trigger);
        Assert.True(changed.Version > first.Version, $"version {changed.Version} after {first.Version}");
    }

    [Fact]
    public async Task A_list_is_emitted_again_when_its_items_stay_but_the_users_class_and_the_reasons_change()
    {
        using var reco = await RecoDriver.StartAsync(StateStoreKind.InMemory, Now);
        reco.AddCatalog(Catalog);
        reco.Send(BackgroundEvents);
        reco.Tick();

        // A recompute between Alice's first and fifth view: as a New user she gets the content-led list.
        reco.Send(AliceEvents.Take(1));
        reco.Tick();
        var asNew = reco.ReadRecommendations().Last(r => r.UserId == Alice);
        Assert.Equal(Contracts.RecommendationStrategy.Content, asNew.Strategy);

        // Her fifth view makes her Casual: co-visitation now leads and explains the same items in the same order.
        reco.Send(AliceEvents.Skip(1));
        reco.Tick();
        var asCasual = Assert.Single(reco.ReadRecommendations(), r => r.UserId == Alice);
        Assert.Equal(asNew.Items.Select(i => i.ItemId), asCasual.Items.Select(i => i.ItemId));
        Assert.Equal(Contracts.RecommendationStrategy.Hybrid, asCasual.Strategy);
        Assert.All(asCasual.Items.Take(2), i => Assert.Equal("because you viewed Title d1", i.Explanation));
    }
}
