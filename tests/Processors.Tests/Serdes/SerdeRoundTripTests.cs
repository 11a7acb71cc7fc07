using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Processors.Options;
using RecoStreams.Processors.Privacy;
using RecoStreams.Processors.Serdes;
using RecoStreams.Streams.Serialization;

namespace RecoStreams.Processors.Tests.Serdes;

public sealed class SerdeRoundTripTests
{
    private static readonly SerdeContext Ctx = new("store-changelog", IsKey: false);
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(200);

    private static readonly Gen<string> Id = Gen.Elements("a", "b", "item-42", "ü-ñ", "", "x y");
    private static readonly Gen<double> Number = Gen.Choose(-100_000, 100_000).Select(i => i / 8.0);
    private static readonly Gen<long> Time = Gen.Choose(0, int.MaxValue).Select(i => i * 1000L);
    private static readonly Gen<string[]> Ids = Gen.ArrayOf(Id);
    private static readonly Gen<EventType> Type = Gen.Elements(Enum.GetValues<EventType>());

    private static readonly Gen<EngagementEvent> Events =
        from id in Id
        from user in Id
        from item in Id
        from type in Type
        from at in Time
        from rating in Gen.OneOf(Gen.Constant<double?>(null), Number.Select(d => (double?)d))
        from watch in Gen.OneOf(Gen.Constant<double?>(null), Number.Select(d => (double?)d))
        from session in Gen.OneOf(Gen.Constant<string?>(null), Id.Select(s => (string?)s))
        select new EngagementEvent(id, user, item, type, DateTimeOffset.FromUnixTimeMilliseconds(at), rating, watch, watch, session);

    private static readonly Gen<CatalogItem> Items =
        from id in Id
        from genres in Ids
        from creators in Ids
        from language in Gen.OneOf(Gen.Constant<string?>(null), Id.Select(s => (string?)s))
        from tags in Ids
        from duration in Gen.OneOf(Gen.Constant<double?>(null), Number.Select(d => (double?)d))
        from available in Gen.Elements(true, false)
        from at in Time
        select new CatalogItem(id, id + " title", genres, creators, language, tags, duration, available, DateTimeOffset.FromUnixTimeMilliseconds(at));

    private static void RoundTrips<T>(Gen<T> gen, ISerde<T> serde)
        where T : notnull =>
        Check.One(Runs, Prop.ForAll(gen.ToArbitrary(), value =>
        {
            var bytes = serde.Serialize(value, Ctx);
            var back = serde.Deserialize(bytes, Ctx);
            return JsonSerializer.Serialize(back) == JsonSerializer.Serialize(value) && bytes.AsSpan().SequenceEqual(serde.Serialize(back, Ctx));
        }));

    [Fact]
    public void Engagement_events_round_trip() => RoundTrips(Events, new EngagementEventSerde());

    [Fact]
    public void Catalog_items_round_trip() => RoundTrips(Items, new CatalogItemSerde());

    [Fact]
    public void Erase_requests_round_trip() =>
        RoundTrips(
            from user in Id from reason in Gen.Elements(Enum.GetValues<ErasureReason>()) from at in Time select new EraseRequest(user, reason, at),
            new EraseRequestSerde());

    [Fact]
    public void Consent_records_round_trip() =>
        RoundTrips(from user in Id from personalised in Gen.Elements(true, false) from at in Time select new ConsentRecord(user, personalised, at), new ConsentRecordSerde());

    [Fact]
    public void An_erase_request_with_an_unknown_reason_is_refused()
    {
        var bytes = new EraseRequestSerde().Serialize(new EraseRequest("u", ErasureReason.Request, 1), Ctx);
        bytes[3] = 200;
        Assert.Throws<SerializationException>(() => new EraseRequestSerde().Deserialize(bytes, Ctx));
    }

    [Fact]
    public void Pending_events_round_trip() =>
        RoundTrips(Gen.ListOf(Events.Zip(Time).Select(p => new PendingEvent(p.Item1, p.Item2))).Select(l => new PendingEvents([.. l])), new PendingEventsSerde());

    [Fact]
    public void Item_stats_round_trip() =>
        RoundTrips(
            from id in Id
            from at in Time
            from windows in Gen.ListOf(Time.Zip(Number).Select(p => new WindowedPopularity(3_600_000, p.Item1, p.Item2, 7)))
            from popularity in Number
            from neighbours in Gen.ListOf(Id.Zip(Number).Select(p => new Neighbour(p.Item1, p.Item2, 2)))
            from genres in Ids
            select new ItemStats(id, at, [.. windows], popularity, popularity / 2, [.. neighbours], genres),
            new ItemStatsSerde());

    [Fact]
    public void Recommendation_lists_round_trip() =>
        RoundTrips(
            from user in Id
            from items in Gen.ListOf(
                from id in Id
                from score in Number
                from source in Gen.Elements(Enum.GetValues<RecommendationSource>())
                select new RecommendedItem(id, score, source, "because you watched " + id))
            from strategy in Gen.Elements(Enum.GetValues<RecommendationStrategy>())
            from userClass in Gen.Elements(Enum.GetValues<UserClass>())
            from at in Time
            select new RecommendationList(user, [.. items], strategy, userClass, at),
            new RecommendationListSerde());

    [Fact]
    public void Item_updates_round_trip_both_kinds() =>
        RoundTrips(
            Gen.OneOf(
                from item in Id
                from user in Id
                from type in Type
                from weight in Number
                from at in Time
                from genres in Ids
                from others in Gen.ArrayOf(Id.Zip(Number))
                select ItemUpdate.Of(
                    new ItemSignal(item, user, type, weight, at, genres),
                    [.. others.Select(o => new CoVisitationPair(item, o.Item1, o.Item2, at))]),
                from item in Id
                from other in Id
                from weight in Number
                from at in Time
                select ItemUpdate.Of(new CoVisitationPair(item, other, weight, at))),
            new ItemUpdateSerde());

    [Fact]
    public void A_signal_written_alone_before_pairs_rode_with_signals_is_still_read()
    {
        // Version byte 1, kind 0 (a signal alone), then item, user, type, weight, time and genres.
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write((byte)1);
            w.Write((byte)0);
            w.Write("a");
            w.Write("u");
            w.Write((int)EventType.Like);
            w.Write(2.5);
            w.Write(1_000L);
            w.Write7BitEncodedInt(1);
            w.Write("Drama");
        }

        var update = new ItemUpdateSerde().Deserialize(stream.ToArray(), Ctx);

        var signal = update.Signal!;
        Assert.Equal(("a", "u", EventType.Like, 2.5, 1_000L), (signal.ItemId, signal.UserId, signal.Type, signal.Weight, signal.AtMs));
        Assert.Equal(["Drama"], signal.Genres);
        Assert.Empty(update.Pairs);
    }

    [Fact]
    public void Item_updates_refuse_a_pair_count_larger_than_their_bytes()
    {
        var serde = new ItemUpdateSerde();
        var bytes = serde.Serialize(ItemUpdate.Of(new ItemSignal("a", "u", EventType.View, 1, 0, [])), Ctx);

        // The last byte is the pair count (0): claim a million pairs in a record of a few bytes.
        var claimed = bytes[..^1].Concat(new byte[] { 0xC0, 0x84, 0x3D }).ToArray();

        Assert.Throws<SerializationException>(() => serde.Deserialize(claimed, Ctx));
    }

    [Fact]
    public void A_block_of_words_has_the_bytes_of_a_list_of_words_and_reads_back()
    {
        var words = Gen.Choose(int.MinValue, int.MaxValue).Zip(Gen.Choose(int.MinValue, int.MaxValue))
            .Select(p => ((ulong)(uint)p.Item1 << 32) | (uint)p.Item2).ArrayOf();
        Check.One(Runs, Prop.ForAll(words.ToArbitrary(), value =>
        {
            using var block = new MemoryStream();
            using var list = new MemoryStream();
            using (var w = new BinaryWriter(block))
            {
                w.WriteWords(value);
            }

            using (var w = new BinaryWriter(list))
            {
                w.WriteList(value, static (w, word) => w.Write(word));
            }

            using var reader = new BinaryReader(new MemoryStream(block.ToArray()));
            return block.ToArray().SequenceEqual(list.ToArray()) && reader.ReadWords().SequenceEqual(value);
        }));
    }

    [Fact]
    public void A_profile_stores_no_seen_filter_words_until_an_id_is_evicted_into_the_filter()
    {
        var serde = new UserProfileSerde();
        var profile = new UserProfile("u", seenExactCapacity: 1, seenBloomBits: 65_536, dislikedCapacity: 10);
        profile.Seen.Add("a");
        var small = serde.Serialize(profile, Ctx);

        profile.Seen.Add("b");
        var back = serde.Deserialize(serde.Serialize(profile, Ctx), Ctx);

        Assert.True(small.Length < 100, $"{small.Length} bytes");
        Assert.Equal(65_536, serde.Deserialize(small, Ctx).Seen.Overflow.BitCount);
        Assert.True(back.Seen.Contains("a") && back.Seen.Overflow.MightContain("a"));
        Assert.Equal(1024, back.Seen.Overflow.Bits.Length);
    }

    [Fact]
    public void A_profile_in_format_1_with_every_filter_word_is_still_read()
    {
        var filter = new BloomFilter(128, 4);
        filter.Add("old");
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write((byte)1);
            w.Write("u");
            for (var dimension = 0; dimension < 5; dimension++)
            {
                w.Write7BitEncodedInt(0); // genres, creators, languages, tags, counts
            }

            w.Write(10L);
            w.Write(20L);
            w.Write(3L);
            w.Write7BitEncodedInt(0); // recent
            w.Write(2);
            w.Write7BitEncodedInt(1);
            w.Write("new");
            w.Write(filter.HashCount);
            w.WriteList(filter.Bits.ToArray(), static (w, word) => w.Write(word));
            w.Write(5);
            w.Write7BitEncodedInt(0); // disliked
        }

        var profile = new UserProfileSerde().Deserialize(stream.ToArray(), Ctx);

        Assert.Equal(("u", 10L, 20L, 3L), (profile.UserId, profile.FirstEngagementMs, profile.LastEngagementMs, profile.PositiveInteractions));
        Assert.True(profile.Seen.Contains("new") && profile.Seen.Contains("old"));
        Assert.Equal(128, profile.Seen.Overflow.BitCount);
    }

    [Fact]
    public void A_profile_claiming_a_seen_filter_larger_than_the_limit_is_refused()
    {
        var serde = new UserProfileSerde();
        var bytes = serde.Serialize(new UserProfile("u", 1, 64, 1), Ctx);

        // The filter's bit count (64, one 7-bit byte) sits before its empty word list, the disliked capacity and list.
        var at = bytes.Length - 1 - 4 - 1 - 1;
        Assert.Equal(64, bytes[at]);
        byte[] claimed = [.. bytes[..at], 0x80, 0x80, 0x80, 0x80, 0x07, .. bytes[(at + 1)..]];

        Assert.Throws<SerializationException>(() => serde.Deserialize(claimed, Ctx));
    }

    [Fact]
    public void User_profiles_built_from_random_histories_round_trip()
    {
        var updater = new ProfileUpdater(new AffinityOptions { SeenExactCapacity = 5, SeenBloomBits = 256, RecentItemsCapacity = 4 }, new CoVisitationOptions());
        var serde = new UserProfileSerde();
        Check.One(Runs, Prop.ForAll(Gen.ListOf(Events.Zip(Items)).ToArbitrary(), history =>
        {
            var profile = updater.NewProfile("u");
            foreach (var (e, item) in history)
            {
                updater.Apply(profile, new EnrichedEvent(e with { ItemId = item.ItemId }, item));
            }

            var bytes = serde.Serialize(profile, Ctx);
            var back = serde.Deserialize(bytes, Ctx);
            return bytes.AsSpan().SequenceEqual(serde.Serialize(back, Ctx))
                && back.Seen.Exact.Items.SequenceEqual(profile.Seen.Exact.Items)
                && back.Recent.SequenceEqual(profile.Recent)
                && back.Interactions == profile.Interactions
                && history.All(h => back.Seen.Contains(h.Item2.ItemId));
        }));
    }

    [Fact]
    public void Item_aggregates_and_window_aggregates_round_trip()
    {
        var aggregator = new ItemAggregator(new PopularityOptions(), new CoVisitationOptions());
        var serde = new ItemAggregateSerde();
        Check.One(Runs, Prop.ForAll(Gen.ListOf(Id.Zip(Time)).ToArbitrary(), pairs =>
        {
            var aggregate = new ItemAggregate("x");
            foreach (var (other, at) in pairs)
            {
                aggregator.ApplySignal(aggregate, new ItemSignal("x", "u", EventType.Like, 3, at, ["Drama"]));
                aggregator.ApplyPair(aggregate, new CoVisitationPair("x", other, 1, at));
            }

            var back = serde.Deserialize(serde.Serialize(aggregate, Ctx), Ctx);
            return back.Popularity == aggregate.Popularity && back.Count == aggregate.Count
                && back.CoCounts.OrderBy(kv => kv.Key, StringComparer.Ordinal).SequenceEqual(aggregate.CoCounts.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        }));
        RoundTrips(Number.Zip(Time).Select(p => new WindowAggregate(new DecayedScore(p.Item1, p.Item2), 3)), new WindowAggregateSerde());
    }

    [Fact]
    public void Lists_keep_their_model_version_and_lists_stored_before_models_still_read()
    {
        var serde = new RecommendationListSerde();
        var list = new RecommendationList("u", [new RecommendedItem("a", 1, RecommendationSource.Cf, "x")], RecommendationStrategy.Hybrid, UserClass.Active, 5);
        var versioned = list with { ModelVersion = "v20261206-161233-9cdb1d" };

        Assert.Equal(JsonSerializer.Serialize(versioned), JsonSerializer.Serialize(serde.Deserialize(serde.Serialize(versioned, Ctx), Ctx)));

        // Format 1 (before trained models): the same fields, no model version.
        var formatOne = serde.Serialize(list, Ctx);
        Assert.Equal(0, formatOne[^1]);
        Assert.Equal(JsonSerializer.Serialize(list), JsonSerializer.Serialize(serde.Deserialize([1, .. formatOne[1..^1]], Ctx)));
    }

    [Fact]
    public void Unknown_versions_and_truncated_bytes_are_rejected()
    {
        var serde = new RecommendationListSerde();
        var bytes = serde.Serialize(new RecommendationList("u", [new RecommendedItem("a", 1, RecommendationSource.Cf, "x")], RecommendationStrategy.Hybrid, UserClass.Active, 5), Ctx);

        Assert.Throws<SerializationException>(() => serde.Deserialize([99, .. bytes[1..]], Ctx));
        Assert.Throws<SerializationException>(() => serde.Deserialize(bytes[..^3], Ctx));
        Assert.Throws<SerializationException>(() => serde.Deserialize([.. bytes, 0], Ctx));
        Assert.Throws<SerializationException>(() => serde.Deserialize([], Ctx));
    }
}
