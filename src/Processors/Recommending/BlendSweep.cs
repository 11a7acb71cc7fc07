using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Recommending;

/// <summary>
/// One user's lists under many recommender settings that differ only in how the sources are blended: the trained
/// neighbours' weight, scaling and recency, co-visitation's recency, the blend weights and MMR. Those settings do
/// not change which items are candidates nor their content and popularity scores, so the candidates are generated
/// once per user (the lookups, the facets and the content match that were most of a list's cost); each setting then
/// replays the item-kNN evidence from the seeds' neighbour lists, in <see cref="CandidateGenerator"/>'s order and
/// arithmetic (so every sum is the same to the last bit), and blends and re-ranks as <see cref="Recommender"/> does.
/// A setting that would generate other candidates (another seed count or facet count, a source switched on or off)
/// gets its list from the recommender in full. Lists are the same, item for item, as each setting's own
/// <see cref="Recommender"/> builds; a blend grid builds one per user per point.
/// </summary>
public sealed class BlendSweep
{
    [ThreadStatic]
    private static SweepScratch? t_scratch;

    private readonly Recommender[] _recommenders;

    /// <param name="settings">The settings to build each user's list with; the first one's candidates are the ones replayed.</param>
    public BlendSweep(IReadOnlyList<RecommenderOptions> settings, AffinityOptions affinity, UserClassOptions classes)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Count == 0)
        {
            throw new ArgumentException("A sweep needs at least one setting.", nameof(settings));
        }

        _recommenders = [.. settings.Select(s => new Recommender(s, affinity, classes))];
    }

    /// <summary>The user's list (item ids) under each setting, in the order the settings were given.</summary>
    public IReadOnlyList<string>[] Lists(string userId, UserProfile? profile, IRecommendationInputs inputs, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var lists = new IReadOnlyList<string>[_recommenders.Length];
        var first = _recommenders[0];
        var (candidates, strategy, _) = first.Candidates(profile, inputs, nowMs);
        var collaborative = profile is not null && first.WeightsFor(strategy).Cf > 0;
        var scratch = (t_scratch ??= new SweepScratch()).Begin(candidates);
        if (collaborative)
        {
            RecordSeeds(profile!, first.Options, inputs, scratch);
        }

        // The settings that replay these candidates first: a list built in full reuses the thread's candidates.
        var inFull = new List<int>();
        for (var i = 0; i < _recommenders.Length; i++)
        {
            var recommender = _recommenders[i];
            if (!SameCandidates(first, recommender, strategy))
            {
                inFull.Add(i);
                continue;
            }

            if (collaborative)
            {
                Replay(recommender.Options, profile!, candidates, scratch);
            }

            lists[i] = Ids(recommender.Rank(candidates, strategy, inputs));
        }

        foreach (var i in inFull)
        {
            lists[i] = [.. _recommenders[i].Recommend(userId, profile, inputs, nowMs).Items.Select(item => item.ItemId)];
        }

        return lists;
    }

    /// <summary>
    /// Each of <paramref name="users"/>' lists under every setting, users in parallel on every core:
    /// <paramref name="onLists"/> gets the user's index and lists, from several threads at once. A user is
    /// recommended for at their last engagement, or at <paramref name="fallbackNowMs"/> without one.
    /// </summary>
    public void ListsInParallel(
        IReadOnlyList<string> users,
        Func<string, UserProfile?> profileOf,
        IRecommendationInputs inputs,
        long fallbackNowMs,
        Action<int, IReadOnlyList<string>[]> onLists,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(profileOf);
        ArgumentNullException.ThrowIfNull(onLists);
        Parallel.For(
            0,
            users.Count,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            u =>
            {
                var profile = profileOf(users[u]);
                onLists(u, Lists(users[u], profile, inputs, profile?.LastEngagementMs ?? fallbackNowMs));
            });
    }

    /// <summary>Whether <paramref name="other"/> generates the candidates <paramref name="first"/> did for a user of this strategy.</summary>
    private static bool SameCandidates(Recommender first, Recommender other, RecommendationStrategy strategy)
    {
        var (a, b) = (first.Options, other.Options);
        return a.CfSeedItems == b.CfSeedItems
            && a.ContentTopGenres == b.ContentTopGenres
            && a.ContentTopCreators == b.ContentTopCreators
            && (a.TrainedNeighbourWeight > 0) == (b.TrainedNeighbourWeight > 0)
            && (first.WeightsFor(strategy).Cf > 0) == (other.WeightsFor(strategy).Cf > 0);
    }

    /// <summary>Each seed's neighbours as candidate indexes, as <see cref="CandidateGenerator"/> reads them (the same seeds, lists and skips).</summary>
    private static void RecordSeeds(UserProfile profile, RecommenderOptions options, IRecommendationInputs inputs, SweepScratch scratch)
    {
        var seeds = new CollaborativeSeeds(profile, options);
        while (seeds.Next(out var seed, out _, out _))
        {
            var recorded = scratch.NextSeed(seed);
            if (inputs.FindStats(seed.ItemId) is { } stats)
            {
                recorded.HasStats = true;
                scratch.Record(stats.Neighbours, recorded.Cf);
            }

            if (options.TrainedNeighbourWeight > 0 && inputs.FindTrainedNeighbours(seed.ItemId) is { Count: > 0 } trained)
            {
                recorded.TrainedBest = trained.Max(n => n.Similarity);
                scratch.Record(trained, recorded.Trained);
            }
        }
    }

    /// <summary>The candidates' item-kNN evidence under <paramref name="options"/>: <see cref="CandidateGenerator"/>'s sums, term for term.</summary>
    private static void Replay(RecommenderOptions options, UserProfile profile, List<Candidate> candidates, SweepScratch scratch)
    {
        foreach (var candidate in candidates)
        {
            (candidate.Cf, candidate.Trained) = (default, default);
        }

        // The recorded seeds are the walk's seeds in the walk's order (same profile, same seed count), so walking
        // again under these options gives each its weights.
        var seeds = new CollaborativeSeeds(profile, options);
        foreach (var recorded in scratch.Seeds)
        {
            seeds.Next(out var seed, out var seedWeight, out var trainedSeedWeight);
            if (recorded.HasStats)
            {
                Add(seed, seedWeight, recorded.Cf, keptApart: false, candidates);
            }

            if (options.TrainedNeighbourWeight > 0
                && recorded.TrainedBest is { } best
                && CollaborativeSeeds.TrainedContribution(options, trainedSeedWeight, best) is { } contribution)
            {
                Add(seed, contribution.Weight, recorded.Trained, contribution.KeptApart, candidates);
            }
        }
    }

    private static void Add(RecentItem seed, double seedWeight, List<(int Candidate, double Similarity)> neighbours, bool keptApart, List<Candidate> candidates)
    {
        foreach (var (index, similarity) in neighbours)
        {
            var candidate = candidates[index];
            ref var evidence = ref keptApart ? ref candidate.Trained : ref candidate.Cf;
            evidence.Add(seed, seedWeight * similarity);
        }
    }

    private static string[] Ids(List<Candidate> picked)
    {
        var ids = new string[picked.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = picked[i].Item.ItemId;
        }

        return ids;
    }

    /// <summary>A seed the generator read and its neighbours that became (or already were) candidates, with their similarities.</summary>
    private sealed class RecordedSeed
    {
        public RecentItem Seed { get; set; } = null!;

        public bool HasStats { get; set; }

        /// <summary>The best similarity of the seed's trained list; null when the seed has none.</summary>
        public double? TrainedBest { get; set; }

        public List<(int Candidate, double Similarity)> Cf { get; } = [];

        public List<(int Candidate, double Similarity)> Trained { get; } = [];
    }

    /// <summary>One thread's seeds and candidate index, reused user after user.</summary>
    private sealed class SweepScratch
    {
        private readonly List<RecordedSeed> _made = [];
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

        public List<RecordedSeed> Seeds { get; } = [];

        public SweepScratch Begin(List<Candidate> candidates)
        {
            Seeds.Clear();
            _index.Clear();
            for (var i = 0; i < candidates.Count; i++)
            {
                _index[candidates[i].Item.ItemId] = i;
            }

            return this;
        }

        public RecordedSeed NextSeed(RecentItem seed)
        {
            if (Seeds.Count == _made.Count)
            {
                _made.Add(new RecordedSeed());
            }

            var recorded = _made[Seeds.Count];
            (recorded.Seed, recorded.HasStats, recorded.TrainedBest) = (seed, false, null);
            recorded.Cf.Clear();
            recorded.Trained.Clear();
            Seeds.Add(recorded);
            return recorded;
        }

        /// <summary>The neighbours the generator adds (positive similarity, a candidate); excluded items are not candidates.</summary>
        public void Record(IReadOnlyList<Neighbour> neighbours, List<(int Candidate, double Similarity)> into)
        {
            for (var i = 0; i < neighbours.Count; i++)
            {
                var neighbour = neighbours[i];
                if (neighbour.Similarity > 0 && _index.TryGetValue(neighbour.ItemId, out var candidate))
                {
                    into.Add((candidate, neighbour.Similarity));
                }
            }
        }
    }
}
