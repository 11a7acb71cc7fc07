using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Processors.Options;
using RecoStreams.Processors.Processing;
using RecoStreams.Processors.Recommending;
using static RecoStreams.Processors.Tests.Support.TestData;

namespace RecoStreams.Processors.Tests.Recommending;

public sealed class ItemFrontTests
{
    private static readonly string[] Genres = ["Drama", "War", "Comedy"];
    private static readonly string[] Ids = [.. Enumerable.Range(0, 12).Select(i => $"i{i}")];

    [Fact]
    public void A_front_answers_what_was_kept_since_its_source_version_and_numbering_last_held_and_nothing_else()
    {
        object[] sources = [new(), new()];
        var begin = Gen.Choose(-1, 1).Zip(Gen.Choose(0, 2)).Zip(Gen.Elements(true, false, false, false))
            .Select(b => (Kind: 0, Source: b.Item1.Item1, Version: (long)b.Item1.Item2, Renumbered: b.Item2, Number: 0, Value: 0));
        // Numbers up to 3,000 make the front grow past its first 1,024 slots.
        var keep = Gen.Choose(0, 3_000).Zip(Gen.Choose(0, 100)).Select(k => (Kind: 1, Source: 0, Version: 0L, Renumbered: false, Number: k.Item1, Value: k.Item2));
        var get = Gen.Choose(0, 3_000).Select(n => (Kind: 2, Source: 0, Version: 0L, Renumbered: false, Number: n, Value: 0));
        var ops = Gen.Frequency((1, begin), (3, keep), (3, get)).ListOf();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(600), Prop.ForAll(ops.ToArbitrary(), steps =>
        {
            var front = new ItemFront<int>();
            var kept = new Dictionary<int, int>();
            (object? source, long version) = (null, 0L);
            foreach (var step in steps)
            {
                switch (step.Kind)
                {
                    case 0:
                        var next = step.Source < 0 ? null : sources[step.Source];
                        if (step.Renumbered || !ReferenceEquals(next, source) || step.Version != version)
                        {
                            kept.Clear();
                        }

                        (source, version) = (next, step.Version);
                        front.Begin(source, version, step.Renumbered);
                        break;
                    case 1:
                        front.Keep(step.Number, step.Value);
                        kept[step.Number] = step.Value;
                        break;
                    default:
                        var found = front.TryGet(step.Number, out var value);
                        if (found != kept.TryGetValue(step.Number, out var expected) || (found && value != expected))
                        {
                            return false;
                        }

                        break;
                }
            }

            return front.Enabled == (source is not null);
        }));
    }

    [Fact]
    public void While_the_trending_version_holds_every_rank_is_as_before_and_a_rank_less_its_decay_is_the_popularity()
    {
        var facet = Gen.Elements(TrendingIndex.Genre("Drama"), TrendingIndex.Genre("War"), TrendingIndex.Creator("King"));
        // 0: update, 1: remove, 2: catalog facets, 3: catalog removal; a capacity of 3 makes facets drop items.
        var op = Gen.Choose(0, 3).Zip(Gen.Elements(Ids[..6])).Zip(Gen.Choose(0, 4).Zip(facet.ArrayOf()));
        var now = Ms(T0.AddHours(5));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(op.ListOf().ToArbitrary(), steps =>
        {
            var index = new TrendingIndex(3, TimeSpan.FromHours(1));
            var (ranks, before) = (new double[6], new double[6]);
            var version = index.Log2RanksOf(Ids[..6], before);
            var at = 0;
            foreach (var ((kind, id), (popularity, facets)) in steps)
            {
                _ = kind switch
                {
                    0 => Do(() => index.Update(id, popularity, Ms(T0.AddMinutes(at++)), facets)),
                    1 => Do(() => index.Remove(id)),
                    2 => Do(() => index.SetCatalogFacets(id, facets)),
                    _ => Do(() => index.SetCatalogFacets(id, null)),
                };
                var read = index.Log2RanksOf(Ids[..6], ranks);
                if (read != index.Version || (read == version && !ranks.SequenceEqual(before)))
                {
                    return false;
                }

                for (var i = 0; i < 6; i++)
                {
                    if (ranks[i] - index.Log2Decay(now) != index.Log2PopularityOf(Ids[i], now))
                    {
                        return false;
                    }
                }

                (version, before) = (read, [.. ranks]);
            }

            return true;
        }));
    }

    [Fact]
    public void The_change_log_names_every_item_whose_rank_changed_since_a_version_or_answers_null_past_its_bound()
    {
        var facet = Gen.Elements(TrendingIndex.Genre("Drama"), TrendingIndex.Genre("War"), TrendingIndex.Creator("King"));
        // 0: update, 1: remove, 2: catalog facets, 3: catalog removal, 4: a reader takes a version to catch up from later.
        var op = Gen.Choose(0, 4).Zip(Gen.Elements(Ids[..6])).Zip(Gen.Choose(0, 4).Zip(facet.ArrayOf()));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(op.ListOf().ToArbitrary(), Gen.Choose(0, 12).ToArbitrary(), (steps, maxChanges) =>
        {
            var index = new TrendingIndex(3, TimeSpan.FromHours(1));
            var (ranks, before) = (new double[6], new double[6]);
            var version = index.Log2RanksOf(Ids[..6], before);
            var (changed, at) = (new List<string>(), 0);
            foreach (var ((kind, id), (popularity, facets)) in steps)
            {
                _ = kind switch
                {
                    0 => Do(() => index.Update(id, popularity, Ms(T0.AddMinutes(at++)), facets)),
                    1 => Do(() => index.Remove(id)),
                    2 => Do(() => index.SetCatalogFacets(id, facets)),
                    3 => Do(() => index.SetCatalogFacets(id, null)),
                    _ => Do(() => version = index.Log2RanksOf(Ids[..6], before)),
                };
                var read = index.Log2RanksOf(Ids[..6], ranks);
                var now = index.ChangedSince(version, maxChanges, changed);
                if (read - version > maxChanges)
                {
                    if (now is not null)
                    {
                        return false;
                    }

                    continue;
                }

                if (now != read || Enumerable.Range(0, 6).Any(i => ranks[i] != before[i] && !changed.Contains(Ids[i])))
                {
                    return false;
                }
            }

            return true;
        }));
    }

    [Fact]
    public void Lists_built_from_the_threads_fronts_equal_lists_read_afresh_under_interleaved_catalog_stats_and_trending_changes()
    {
        // 0: a catalog row changes (availability, genres), 1: it is removed, 2: an item's stats change, 3: its popularity
        // changes, 4: a list for one of the users. Each list is built twice: on this thread, whose fronts keep catalog rows
        // and trending ranks from list to list across the whole run, and on a new thread reading every row afresh.
        var op = Gen.Choose(0, 4).Zip(Gen.Elements(Ids)).Zip(Gen.Choose(0, 5).Zip(Gen.Elements(Ids).ArrayOf()));
        var recommender = new Recommender(new RecommenderOptions(), new AffinityOptions(), new UserClassOptions());
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), Prop.ForAll(op.ListOf().ToArbitrary(), steps =>
        {
            var world = new World();
            var profiles = new[] { world.Profile("u0", Ids[..3]), world.Profile("u1", Ids[4..7]), world.Profile("u2", [Ids[9]]) };
            var clock = Ms(T0.AddHours(1));
            foreach (var ((kind, id), (n, others)) in steps)
            {
                clock += 60_000;
                switch (kind)
                {
                    case 0:
                        world.SetItem(Item(id, [Genres[n % 3]], available: n != 0));
                        break;
                    case 1:
                        world.RemoveItem(id);
                        break;
                    case 2:
                        world.SetStats(id, others.Select((other, i) => new Neighbour(other, (n + i + 1) / 10.0, 1)).ToList());
                        break;
                    case 3:
                        world.Trending.Update(id, n, clock, [TrendingIndex.Genre(Genres[n % 3])]);
                        break;
                    default:
                        var profile = profiles[n % 3];
                        var kept = Describe(recommender.Recommend(profile.UserId, profile, world.Cached, clock));
                        var afresh = OnNewThread(() => Describe(recommender.Recommend(profile.UserId, profile, world.Afresh, clock)));
                        if (kept != afresh)
                        {
                            return false;
                        }

                        break;
                }
            }

            return true;
        }));
    }

    private static int Do(Action action)
    {
        action();
        return 0;
    }

    private static string Describe(RecommendationList list) => string.Join(
        "\n", list.Items.Select(i => $"{i.ItemId} {BitConverter.DoubleToInt64Bits(i.Score)} {i.Source} {i.Explanation}").Prepend($"{list.Strategy}"));

    private static T OnNewThread<T>(Func<T> work)
    {
        T result = default!;
        var thread = new Thread(() => result = work());
        thread.Start();
        thread.Join();
        return result;
    }

    /// <summary>Catalog and stats tables as the global-table processors keep them: each change written, then the read cache told.</summary>
    private sealed class World
    {
        private readonly Dictionary<string, CatalogItem> _catalog = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ItemStats> _stats = new(StringComparer.Ordinal);
        private readonly ItemReadCache _cache = new(100);
        private readonly ProfileUpdater _updater = new(new AffinityOptions(), new CoVisitationOptions());

        public World()
        {
            (Cached, Afresh) = (new Inputs(this, cached: true), new Inputs(this, cached: false));
            for (var i = 0; i < Ids.Length; i++)
            {
                SetItem(Item(Ids[i], [Genres[i % 3]]));
                Trending.Update(Ids[i], i + 1, 0, [TrendingIndex.Genre(Genres[i % 3])]);
                SetStats(Ids[i], [new Neighbour(Ids[(i + 1) % Ids.Length], 0.5, 1), new Neighbour(Ids[(i + 5) % Ids.Length], 0.25, 1)]);
            }
        }

        public TrendingIndex Trending { get; } = new(100, TimeSpan.FromDays(1));

        /// <summary>Through the read cache, with the cache's catalog version: the thread's fronts keep what they read.</summary>
        public IRecommendationInputs Cached { get; }

        /// <summary>Straight from the tables, with no catalog version: nothing is kept between lists.</summary>
        public IRecommendationInputs Afresh { get; }

        public UserProfile Profile(string userId, string[] liked)
        {
            var profile = _updater.NewProfile(userId);
            for (var i = 0; i < liked.Length; i++)
            {
                _updater.Apply(profile, new EnrichedEvent(Event(userId, liked[i], EventType.Like, T0.AddMinutes(i)), _catalog[liked[i]]));
            }

            return profile;
        }

        public void SetItem(CatalogItem item)
        {
            _catalog[item.ItemId] = item;
            _cache.ItemChanged(item.ItemId);
        }

        public void RemoveItem(string itemId)
        {
            _catalog.Remove(itemId);
            _cache.ItemChanged(itemId);
        }

        public void SetStats(string itemId, List<Neighbour> neighbours)
        {
            _stats[itemId] = new ItemStats(itemId, 0, [], 1, 1, neighbours, []);
            _cache.StatsChanged(itemId);
        }

        private sealed class Inputs(World world, bool cached) : IRecommendationInputs
        {
            public TrendingIndex Trending => world.Trending;

            public ICatalogVersion? Catalog => cached ? world._cache : null;

            public CatalogItem? FindItem(string itemId) =>
                cached ? world._cache.Item(itemId, world._catalog.GetValueOrDefault) : world._catalog.GetValueOrDefault(itemId);

            public ItemStats? FindStats(string itemId) =>
                cached ? world._cache.Stats(itemId, world._stats.GetValueOrDefault) : world._stats.GetValueOrDefault(itemId);
        }
    }
}
