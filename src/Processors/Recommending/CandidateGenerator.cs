using System.Runtime.InteropServices;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Recommending;

/// <summary>
/// Collects candidates from three generators: item-kNN (neighbours of the user's recent positive items,
/// weighted by seed recency, seed weight and neighbour similarity; both the streaming co-visitation
/// neighbours and the serving trained model's, each list scaled to its most similar neighbour and the
/// trained ones weighted by <see cref="RecommenderOptions.TrainedNeighbourWeight"/>), content (popular items of the
/// user's top genres and creators) and popularity (overall and per top genre). Items the user has seen
/// or disliked, and items missing from the catalog or unavailable, never become candidates.
/// A list has hundreds of candidates; their table and objects are reused by the thread's next list (they were
/// most of the bytes a recompute allocated), so what <see cref="Generate"/> returns is valid until the same
/// thread generates again. The table is keyed by the thread's item numbers (<see cref="ItemNumbering"/>), which the
/// neighbour and facet lists carry once numbered: a list meets a couple of thousand ids and hashes each only the
/// first time the thread meets the list it came in. Its capacity is <see cref="RecommenderOptions.ItemReadCacheCapacity"/>
/// numbers, as many as the read cache keeps items.
/// </summary>
internal sealed class CandidateGenerator(RecommenderOptions options)
{
    private const int PopularPoolPerFacet = 100;

    // Up to this many exactly kept seen and disliked ids are marked excluded in the table before a list (a hash each);
    // past it they are checked per item met (two hashes each, for the several hundred distinct items a list meets).
    private const int MarkedExclusionsLimit = 1_024;

    [ThreadStatic]
    private static CandidateScratch? t_scratch;

    public List<Candidate> Generate(
        UserProfile? profile, ContentMatcher? matcher, BlendWeights weights, IRecommendationInputs inputs, long nowMs)
    {
        var scratch = t_scratch ??= new CandidateScratch();
        scratch.Begin(options.ItemReadCacheCapacity, inputs.Catalog, inputs.Trending);
        scratch.ExclusionsMarked = profile is not null && MarkExclusions(profile, scratch);
        if (profile is not null && weights.Cf > 0)
        {
            AddCollaborative(profile, inputs, scratch);
        }

        if (matcher is not null)
        {
            var top = scratch.Facets;
            matcher.TopCreators(options.ContentTopCreators, top);
            foreach (var creator in top)
            {
                AddFromFacet(TrendingIndex.Creator(creator), null, profile, inputs, scratch);
            }

            matcher.TopLanguages(1, top);
            foreach (var language in top)
            {
                AddFromFacet(TrendingIndex.Language(language), null, profile, inputs, scratch);
            }

            matcher.TopGenres(options.ContentTopGenres, top);
            foreach (var genre in top)
            {
                AddFromFacet(TrendingIndex.Genre(genre), genre, profile, inputs, scratch);
            }
        }

        AddFromFacet(TrendingIndex.Overall, null, profile, inputs, scratch);

        // Popularity relative to the most popular candidate, square-rooted to tame the head; taken in log
        // space because decayed scores published long ago underflow.
        var candidates = scratch.Listed;
        var logPopularity = scratch.LogPopularities(candidates.Count);
        Log2Ranks(inputs.Trending, scratch, logPopularity);
        var decay = inputs.Trending.Log2Decay(nowMs);
        for (var i = 0; i < logPopularity.Length; i++)
        {
            logPopularity[i] -= decay;
        }

        var maxLog = double.NegativeInfinity;
        foreach (var log in logPopularity)
        {
            maxLog = Math.Max(maxLog, log);
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            var log = logPopularity[i];
            candidate.Popular = double.IsNegativeInfinity(log) ? 0 : Math.Pow(2, (log - maxLog) / 2);
            if (matcher is not null)
            {
                (candidate.Content, candidate.ContentReason) = matcher.Match(candidate.Item, candidate.Number);
            }
        }

        return candidates;
    }

    /// <summary>
    /// Each listed candidate's log2 rank in the trending index (<see cref="TrendingIndex.Log2RanksOf"/>), from the thread's
    /// front for the items it kept at the index's version this list started with, the rest from the index. All of a list's
    /// ranks hold at one version, as when they were read under one lock: when the index moved since the list started, every
    /// rank is read again at once.
    /// </summary>
    private static void Log2Ranks(TrendingIndex trending, CandidateScratch scratch, Span<double> into)
    {
        var (candidates, front) = (scratch.Listed, scratch.Ranks);
        var ids = CollectionsMarshal.AsSpan(scratch.ListedIds);
        var (missingIds, missingAt) = (scratch.MissingIds, scratch.MissingAt);
        missingIds.Clear();
        missingAt.Clear();
        for (var i = 0; i < into.Length; i++)
        {
            if (!front.TryGet(candidates[i].Number, out into[i]))
            {
                missingIds.Add(ids[i]);
                missingAt.Add(i);
            }
        }

        if (missingIds.Count == 0)
        {
            return;
        }

        var read = scratch.MissingRanks(missingIds.Count);
        var version = trending.Log2RanksOf(CollectionsMarshal.AsSpan(missingIds), read);
        if (version != front.Version)
        {
            front.Begin(trending, trending.Log2RanksOf(ids, into), renumbered: false);
            for (var i = 0; i < into.Length; i++)
            {
                front.Keep(candidates[i].Number, into[i]);
            }

            return;
        }

        for (var j = 0; j < read.Length; j++)
        {
            into[missingAt[j]] = read[j];
            front.Keep(candidates[missingAt[j]].Number, read[j]);
        }
    }

    private void AddCollaborative(UserProfile profile, IRecommendationInputs inputs, CandidateScratch candidates)
    {
        var seeds = new CollaborativeSeeds(profile, options);
        while (seeds.Next(out var seed, out var seedWeight, out var trainedSeedWeight))
        {
            if (inputs.FindStats(seed.ItemId) is { } stats)
            {
                AddNeighbours(seed, seedWeight, candidates.Numbering.Of(seed.ItemId, stats.Neighbours), keptApart: false, profile, inputs, candidates);
            }

            if (options.TrainedNeighbourWeight > 0
                && inputs.FindTrainedNeighbours(seed.ItemId) is { Count: > 0 } trained
                && CollaborativeSeeds.TrainedContribution(options, trainedSeedWeight, MostSimilar(trained)) is { } contribution)
            {
                AddNeighbours(seed, contribution.Weight, candidates.Numbering.Of(trained), contribution.KeptApart, profile, inputs, candidates);
            }
        }
    }

    /// <summary>The highest similarity of a non-empty list, as <see cref="Enumerable.Max(IEnumerable{double})"/> gives it (NaN only when all are), without a delegate per neighbour.</summary>
    private static double MostSimilar(IReadOnlyList<Neighbour> neighbours)
    {
        var most = neighbours[0].Similarity;
        for (var i = 1; i < neighbours.Count; i++)
        {
            var similarity = neighbours[i].Similarity;
            if (similarity > most || double.IsNaN(most))
            {
                most = similarity;
            }
        }

        return most;
    }

    /// <param name="keptApart">Adds to the candidate's trained score kept apart from co-visitation's (<see cref="TrainedScaling.WholeList"/>).</param>
    private static void AddNeighbours(
        RecentItem seed, double seedWeight, NumberedNeighbours neighbours, bool keptApart, UserProfile profile, IRecommendationInputs inputs, CandidateScratch candidates)
    {
        var (numbers, similarities) = neighbours;
        for (var i = 0; i < numbers.Length; i++)
        {
            var similarity = similarities[i];
            if (similarity <= 0 || TryCandidate(numbers[i], profile, inputs, candidates) is not { } candidate)
            {
                continue;
            }

            ref var evidence = ref keptApart ? ref candidate.Trained : ref candidate.Cf;
            evidence.Add(seed, seedWeight * similarity);
        }
    }

    private static void AddFromFacet(
        string facet, string? genre, UserProfile? profile, IRecommendationInputs inputs, CandidateScratch candidates)
    {
        var top = candidates.Numbering.Of(inputs.Trending.TopItemIds(facet, PopularPoolPerFacet));
        for (var i = 0; i < top.Length; i++)
        {
            if (TryCandidate(top[i], profile, inputs, candidates) is { } candidate && genre is not null)
            {
                candidate.PopularGenre ??= genre;
            }
        }
    }

    /// <summary>
    /// The candidate for the item numbered <paramref name="number"/>, made on first sight; null when the item is excluded.
    /// An excluded id is remembered as such: seen items come back as neighbours of many seeds, and each came with three lookups.
    /// </summary>
    private static Candidate? TryCandidate(int number, UserProfile? profile, IRecommendationInputs inputs, CandidateScratch candidates)
    {
        ref var slot = ref candidates.Table.Slot(number, out var known);
        if (known)
        {
            return slot;
        }

        var itemId = candidates.Numbering.IdOf(number);
        if ((profile is not null && Excluded(itemId, profile, candidates.ExclusionsMarked))
            || FindItem(number, itemId, inputs, candidates.Catalog) is not { Available: true } item)
        {
            return null;
        }

        return slot = candidates.Take(itemId, number, item);
    }

    /// <summary>The catalog row of the item numbered <paramref name="number"/>, from the thread's front while the catalog's version holds.</summary>
    private static CatalogItem? FindItem(int number, string itemId, IRecommendationInputs inputs, ItemFront<CatalogItem?> front)
    {
        if (front.TryGet(number, out var item))
        {
            return item;
        }

        item = inputs.FindItem(itemId);
        if (front.Enabled)
        {
            front.Keep(number, item);
        }

        return item;
    }

    /// <summary>Whether the user has seen or disliked the item; with the exact sets marked in the table, only the seen filter is left to ask.</summary>
    private static bool Excluded(string itemId, UserProfile profile, bool exactSetsMarked) =>
        exactSetsMarked ? profile.Seen.Overflow.MightContain(itemId)
        : profile.Seen.Contains(itemId) || profile.Disliked.Contains(itemId);

    /// <summary>
    /// Marks the profile's exactly kept seen and disliked items excluded in the list's table, when they are few (as for
    /// most users); false when left to <see cref="Excluded"/>. Either way an item is excluded exactly when it was before.
    /// </summary>
    private static bool MarkExclusions(UserProfile profile, CandidateScratch candidates)
    {
        var (seen, disliked) = (profile.Seen.Exact, profile.Disliked);
        if (seen.Count + disliked.Count > MarkedExclusionsLimit)
        {
            return false;
        }

        foreach (var itemId in seen)
        {
            candidates.Table.Slot(candidates.Numbering.Number(itemId), out _) = null;
        }

        foreach (var itemId in disliked)
        {
            candidates.Table.Slot(candidates.Numbering.Number(itemId), out _) = null;
        }

        return true;
    }

    /// <summary>One thread's candidate table and candidate objects, reused list after list.</summary>
    private sealed class CandidateScratch
    {
        // Past this many rank changes since the front's version, forgetting them one by one (a hash each) would cost about
        // what reading every candidate's rank again does.
        private const int RankChangesFollowed = 256;

        private readonly List<Candidate> _made = [];
        private double[] _logPopularities = new double[256];
        private double[] _missingRanks = new double[256];

        /// <summary>The thread's item numbers, which <see cref="Table"/> is keyed by.</summary>
        public ItemNumbering Numbering { get; } = new();

        /// <summary>Every item met in this list, by number: its candidate, or null when the item is excluded.</summary>
        public ItemSlots<Candidate> Table { get; } = new();

        /// <summary>Catalog rows by number, kept from list to list while the inputs' <see cref="ICatalogVersion"/> holds.</summary>
        public ItemFront<CatalogItem?> Catalog { get; } = new();

        /// <summary>Trending log2 ranks by number, kept from list to list while the index's <see cref="TrendingIndex.Version"/> holds.</summary>
        public ItemFront<double> Ranks { get; } = new();

        /// <summary>The ids of the listed candidates whose rank <see cref="Ranks"/> does not keep, and where they stand.</summary>
        public List<string> MissingIds { get; } = [];

        public List<int> MissingAt { get; } = [];

        /// <summary>Whether the profile's exact seen and disliked sets are marked in <see cref="Table"/> for this list.</summary>
        public bool ExclusionsMarked { get; set; }

        /// <summary>The candidates, in the order they were first met.</summary>
        public List<Candidate> Listed { get; } = [];

        /// <summary>The ids of <see cref="Listed"/>, in the same order.</summary>
        public List<string> ListedIds { get; } = [];

        /// <summary>Room for a handful of facet values (a profile's top genres, creators, language).</summary>
        public List<string> Facets { get; } = [];

        /// <summary>
        /// Starts a list; past <paramref name="numberingCapacity"/> numbers the numbering starts over first. The catalog's
        /// version is read here, before the list's first catalog read.
        /// </summary>
        public void Begin(int numberingCapacity, ICatalogVersion? catalog, TrendingIndex trending)
        {
            var renumbered = Numbering.StartOverIfFull(numberingCapacity);
            Table.Begin(renumbered);
            Catalog.Begin(catalog, catalog?.CatalogVersion ?? 0, renumbered);
            BeginRanks(trending, renumbered);
            Listed.Clear();
            ListedIds.Clear();
        }

        /// <summary>
        /// Keeps the ranks of the items the index did not change since the front's version (a publication changes a few
        /// items, while a list reads hundreds of ranks), or forgets every rank when the index's log no longer reaches back.
        /// </summary>
        private void BeginRanks(TrendingIndex trending, bool renumbered)
        {
            var version = trending.Version;
            if (!renumbered && Ranks.Follows(trending) && version != Ranks.Version
                && trending.ChangedSince(Ranks.Version, RankChangesFollowed, MissingIds) is { } now)
            {
                foreach (var itemId in MissingIds)
                {
                    if (Numbering.TryNumberOf(itemId, out var number))
                    {
                        Ranks.Forget(number);
                    }
                }

                Ranks.CatchUp(version = now);
            }

            Ranks.Begin(trending, version, renumbered);
        }

        public Candidate Take(string itemId, int number, CatalogItem item)
        {
            Candidate candidate;
            if (Listed.Count == _made.Count)
            {
                _made.Add(candidate = new Candidate(item));
            }
            else
            {
                (candidate = _made[Listed.Count]).Reset(item);
            }

            candidate.Number = number;
            Listed.Add(candidate);
            ListedIds.Add(itemId);
            return candidate;
        }

        public Span<double> LogPopularities(int count) => (_logPopularities = Grown(_logPopularities, count)).AsSpan(0, count);

        public Span<double> MissingRanks(int count) => (_missingRanks = Grown(_missingRanks, count)).AsSpan(0, count);

        private static double[] Grown(double[] array, int count) => array.Length >= count ? array : new double[Math.Max(count, array.Length * 2)];
    }
}
