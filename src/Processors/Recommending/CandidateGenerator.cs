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
/// thread generates again.
/// </summary>
internal sealed class CandidateGenerator(RecommenderOptions options)
{
    private const int PopularPoolPerFacet = 100;

    [ThreadStatic]
    private static CandidateScratch? t_scratch;

    public Dictionary<string, Candidate> Generate(
        UserProfile? profile, ContentMatcher? matcher, BlendWeights weights, IRecommendationInputs inputs, long nowMs)
    {
        var candidates = (t_scratch ??= new CandidateScratch()).Begin();
        if (profile is not null && weights.Cf > 0)
        {
            AddCollaborative(profile, inputs, candidates);
        }

        var genreFacets = new List<(string Facet, string? Genre)>();
        if (matcher is not null)
        {
            genreFacets.AddRange(matcher.TopGenres(options.ContentTopGenres).Select(g => (TrendingIndex.Genre(g), (string?)g)));
            foreach (var creator in matcher.TopCreators(options.ContentTopCreators))
            {
                AddFromFacet(TrendingIndex.Creator(creator), null, profile, inputs, candidates);
            }

            foreach (var language in matcher.TopLanguages(1))
            {
                AddFromFacet(TrendingIndex.Language(language), null, profile, inputs, candidates);
            }
        }

        foreach (var (facet, genre) in genreFacets)
        {
            AddFromFacet(facet, genre, profile, inputs, candidates);
        }

        AddFromFacet(TrendingIndex.Overall, null, profile, inputs, candidates);

        // Popularity relative to the most popular candidate, square-rooted to tame the head; taken in log
        // space because decayed scores published long ago underflow.
        var logPopularity = new double[candidates.Count];
        inputs.Trending.Log2PopularitiesOf(candidates.Keys, nowMs, logPopularity);
        var maxLog = double.NegativeInfinity;
        foreach (var log in logPopularity)
        {
            maxLog = Math.Max(maxLog, log);
        }

        var index = 0;
        foreach (var candidate in candidates.Values)
        {
            var log = logPopularity[index++];
            candidate.Popular = double.IsNegativeInfinity(log) ? 0 : Math.Pow(2, (log - maxLog) / 2);
            if (matcher is not null)
            {
                (candidate.Content, candidate.ContentReason) = matcher.Match(candidate.Item);
            }
        }

        return candidates;
    }

    private void AddCollaborative(UserProfile profile, IRecommendationInputs inputs, Dictionary<string, Candidate> candidates)
    {
        var recency = 1.0;
        var trainedRecency = 1.0;
        var trainedFactor = options.TrainedRecencyFactor ?? options.CfRecencyFactor;
        var seeds = 0;
        foreach (var seed in profile.Recent)
        {
            if (seeds >= options.CfSeedItems)
            {
                break;
            }

            if (seed.Weight <= 0)
            {
                continue;
            }

            seeds++;
            var seedWeight = recency * seed.Weight;
            var trainedSeedWeight = trainedRecency * seed.Weight;
            recency *= options.CfRecencyFactor;
            trainedRecency *= trainedFactor;
            if (inputs.FindStats(seed.ItemId) is { } stats)
            {
                AddNeighbours(seed, seedWeight, stats.Neighbours, profile, inputs, candidates);
            }

            if (options.TrainedNeighbourWeight > 0 && inputs.FindTrainedNeighbours(seed.ItemId) is { Count: > 0 } trained)
            {
                if (options.TrainedScaling == TrainedScaling.WholeList)
                {
                    AddTrainedNeighbours(seed, trainedSeedWeight, trained, profile, inputs, candidates);
                }
                else if (trained.Max(n => n.Similarity) is var best && best > 0)
                {
                    // Trained similarities live on another scale than co-visitation's (EASE weights are small):
                    // scaled to the list's best, the option weighs the two sources as it says.
                    AddNeighbours(seed, trainedSeedWeight * options.TrainedNeighbourWeight / best, trained, profile, inputs, candidates);
                }
            }
        }
    }

    private static void AddNeighbours(
        RecentItem seed, double seedWeight, IReadOnlyList<Neighbour> neighbours, UserProfile profile, IRecommendationInputs inputs, Dictionary<string, Candidate> candidates)
    {
        foreach (var neighbour in neighbours)
        {
            if (neighbour.Similarity <= 0 || TryCandidate(neighbour.ItemId, profile, inputs, candidates) is not { } candidate)
            {
                continue;
            }

            var contribution = seedWeight * neighbour.Similarity;
            candidate.Cf += contribution;
            if (contribution > candidate.CfSeedContribution)
            {
                (candidate.CfSeed, candidate.CfSeedContribution) = (seed, contribution);
            }
        }
    }

    private static void AddTrainedNeighbours(
        RecentItem seed, double seedWeight, IReadOnlyList<Neighbour> neighbours, UserProfile profile, IRecommendationInputs inputs, Dictionary<string, Candidate> candidates)
    {
        foreach (var neighbour in neighbours)
        {
            if (neighbour.Similarity <= 0 || TryCandidate(neighbour.ItemId, profile, inputs, candidates) is not { } candidate)
            {
                continue;
            }

            var contribution = seedWeight * neighbour.Similarity;
            candidate.Trained += contribution;
            if (contribution > candidate.TrainedSeedContribution)
            {
                (candidate.TrainedSeed, candidate.TrainedSeedContribution) = (seed, contribution);
            }
        }
    }

    private static void AddFromFacet(
        string facet, string? genre, UserProfile? profile, IRecommendationInputs inputs, Dictionary<string, Candidate> candidates)
    {
        foreach (var itemId in inputs.Trending.TopItemIds(facet, PopularPoolPerFacet))
        {
            if (TryCandidate(itemId, profile, inputs, candidates) is { } candidate && genre is not null)
            {
                candidate.PopularGenre ??= genre;
            }
        }
    }

    private static Candidate? TryCandidate(string itemId, UserProfile? profile, IRecommendationInputs inputs, Dictionary<string, Candidate> candidates)
    {
        if (candidates.TryGetValue(itemId, out var existing))
        {
            return existing;
        }

        if (profile is not null && (profile.Seen.Contains(itemId) || profile.Disliked.Contains(itemId)))
        {
            return null;
        }

        if (inputs.FindItem(itemId) is not { Available: true } item)
        {
            return null;
        }

        var candidate = t_scratch!.Take(item);
        candidates[itemId] = candidate;
        return candidate;
    }

    /// <summary>One thread's candidate table and candidate objects, reused list after list.</summary>
    private sealed class CandidateScratch
    {
        private readonly Dictionary<string, Candidate> _candidates = new(StringComparer.Ordinal);
        private readonly List<Candidate> _made = [];
        private int _taken;

        public Dictionary<string, Candidate> Begin()
        {
            _candidates.Clear();
            _taken = 0;
            return _candidates;
        }

        public Candidate Take(CatalogItem item)
        {
            if (_taken == _made.Count)
            {
                _made.Add(new Candidate(item));
            }
            else
            {
                _made[_taken].Reset(item);
            }

            return _made[_taken++];
        }
    }
}
