using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Recommending;
using RecoStreams.Processors.Tests.Support;
using static RecoStreams.Processors.Tests.Support.TestData;

namespace RecoStreams.Processors.Tests.Recommending;

public sealed class DiversityRerankerTests
{
    private static Candidate Scored(string id, double score, string[] genres, string[]? creators = null) =>
        new(Item(id, genres, creators)) { Score = score };

    [Fact]
    public void Mmr_prefers_a_diverse_item_over_a_slightly_better_near_duplicate()
    {
        var inputs = new FakeInputs().Neighbours("a", ("a2", 0.9));
        Candidate[] ranked = [Scored("a", 1.0, ["Drama"]), Scored("a2", 0.95, ["Drama"]), Scored("b", 0.9, ["Comedy"])];

        var diverse = DiversityReranker.Rerank(RankedPool.For(ranked, ranked.Length), 3, lambda: 0.7, maxPerCreator: 2, new ItemSimilarity(inputs));
        var relevanceOnly = DiversityReranker.Rerank(RankedPool.For(ranked, ranked.Length), 3, lambda: 1.0, maxPerCreator: 2, new ItemSimilarity(inputs));

        Assert.Equal(["a", "b", "a2"], diverse.Select(c => c.Item.ItemId));
        Assert.Equal(["a", "a2", "b"], relevanceOnly.Select(c => c.Item.ItemId));
    }

    [Fact]
    public void The_rank_score_never_rises_down_a_reranked_list_while_relevance_may()
    {
        var inputs = new FakeInputs().Neighbours("a", ("a2", 0.9));
        Candidate[] ranked = [Scored("a", 1.0, ["Drama"]), Scored("a2", 0.95, ["Drama"]), Scored("b", 0.9, ["Comedy"])];

        var diverse = DiversityReranker.Rerank(RankedPool.For(ranked, ranked.Length), 3, lambda: 0.7, maxPerCreator: 2, new ItemSimilarity(inputs));

        Assert.True(diverse[2].Score > diverse[1].Score, "relevance rises from b to a2 after re-ranking");
        var rankScores = diverse.Select(c => c.RankScore).ToList();
        Assert.Equal(rankScores.OrderDescending(), rankScores);
        Assert.Equal(0.7, rankScores[0], 10);
    }

    [Fact]
    public void Rank_scores_of_random_candidates_are_non_increasing_for_any_lambda()
    {
        var candidates = Gen.Choose(1, 1000).Select(i => i / 1000.0).ListOf().Select(scores => scores
            .Select((s, i) => Scored($"i{i}", s, [i % 2 == 0 ? "Drama" : "Comedy", i % 3 == 0 ? "War" : "Horror"]))
            .OrderByDescending(c => c.Score)
            .ToArray());
        var prop = Prop.ForAll(candidates.ToArbitrary(), Gen.Choose(0, 10).Select(l => l / 10.0).ToArbitrary(), (ranked, lambda) =>
        {
            var scores = DiversityReranker.Rerank(RankedPool.For(ranked, ranked.Length), 10, lambda, maxPerCreator: 2, new ItemSimilarity(new FakeInputs())).Select(c => c.RankScore).ToList();
            return scores.Zip(scores.Skip(1)).All(p => p.First >= p.Second - 1e-12);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), prop);
    }

    [Fact]
    public void Picks_the_same_items_with_the_same_values_as_comparing_every_candidate_at_every_step()
    {
        var genre = Gen.Elements("Drama", "War", "Comedy", "Horror");
        var creator = Gen.Elements("King", "Rice", "Le Guin");
        var candidate = Gen.Choose(0, 40).Select(s => s / 8.0).Zip(genre.ArrayOf().Zip(creator.ArrayOf()));
        var neighbour = Gen.Choose(0, 29).Zip(Gen.Choose(0, 29)).Zip(Gen.Choose(1, 10).Select(s => s / 10.0));
        // λ outside [0, 1] too: no early stop there, and above 1 no bound on a value (redundancy raises it).
        var cases = candidate.ListOf().Zip(neighbour.ListOf()).Zip(Gen.Choose(-5, 15).Select(l => l / 10.0));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var ((drawn, links), lambda) = c;
            var inputs = new FakeInputs();
            foreach (var ((from, to), similarity) in links)
            {
                inputs.Neighbours($"i{from}", ($"i{to}", similarity));
            }

            // The pool orders the candidates as drawn and cuts them to its size; the exhaustive MMR reads the same pool sorted.
            Candidate[] Drawn() => [.. drawn.Select((d, i) => Scored($"i{i}", d.Item1, d.Item2.Item1, d.Item2.Item2))];
            var size = drawn.Count - (drawn.Count / 4);
            var lazy = DiversityReranker.Rerank(RankedPool.For(Drawn(), size), 8, lambda, maxPerCreator: 2, new ItemSimilarity(inputs));
            var exhaustive = ExhaustiveMmr(
                [.. Drawn().OrderByDescending(x => x.Score).ThenBy(x => x.Item.ItemId, StringComparer.Ordinal).Take(size)],
                8, lambda, maxPerCreator: 2, new ItemSimilarity(inputs));
            return lazy.Select(x => (x.Item.ItemId, x.RankScore)).SequenceEqual(exhaustive);
        }));
    }

    [Fact]
    public void A_creator_at_the_cap_is_passed_over_however_many_of_its_items_head_the_pool()
    {
        // One creator's items fill the head of the pool, as a top creator's facet does with a large catalog.
        Candidate[] ranked =
        [
            .. Enumerable.Range(0, 30).Select(i => Scored($"k{i:D2}", 1.0 - (i / 100.0), ["Drama"], ["King"])),
            Scored("r0", 0.5, ["War"], ["Rice"]),
            Scored("r1", 0.4, ["War"], ["Rice"]),
            Scored("g0", 0.3, ["Comedy"], ["Le Guin"]),
        ];

        var picked = DiversityReranker.Rerank(RankedPool.For(ranked, ranked.Length), 5, lambda: 0.9, maxPerCreator: 2, new ItemSimilarity(new FakeInputs()));

        Assert.Equal(["k00", "k01", "r0", "g0", "r1"], picked.Select(c => c.Item.ItemId));
    }

    /// <summary>MMR as defined: every remaining candidate's value against every pick, at every step.</summary>
    private static List<(string ItemId, double Value)> ExhaustiveMmr(Candidate[] ranked, int count, double lambda, int maxPerCreator, ItemSimilarity similarity)
    {
        var pool = similarity.Pool([.. ranked.Select(c => c.Item)]);
        var scale = ranked.Length > 0 && ranked.Max(c => c.Score) > 0 ? ranked.Max(c => c.Score) : 1;
        var (picked, remaining) = (new List<int>(), Enumerable.Range(0, ranked.Length).ToList());
        var perCreator = new Dictionary<string, int>();
        var result = new List<(string, double)>();
        while (result.Count < count && remaining.Count > 0)
        {
            var values = remaining.Select(i => (Index: i, Value: (lambda * ranked[i].Score / scale)
                - ((1 - lambda) * picked.Select(j => lambda < 1 ? pool.Between(i, j) : 0).DefaultIfEmpty(0).Max())));
            var best = values.OrderByDescending(v => v.Value).ThenBy(v => ranked[v.Index].Item.ItemId, StringComparer.Ordinal).First();
            remaining.Remove(best.Index);
            var item = ranked[best.Index].Item;
            if (item.Creators.Any(c => perCreator.GetValueOrDefault(c) >= maxPerCreator))
            {
                continue;
            }

            foreach (var c in item.Creators.Distinct())
            {
                perCreator[c] = perCreator.GetValueOrDefault(c) + 1;
            }

            picked.Add(best.Index);
            result.Add((item.ItemId, best.Value));
        }

        return result;
    }

    [Fact]
    public void Without_co_visitation_similarity_falls_back_to_genre_jaccard()
    {
        Assert.Equal(1.0 / 3, ItemSimilarity.GenreJaccard(["Drama", "War"], ["Drama", "Comedy"]), 10);
        var similarity = new ItemSimilarity(new FakeInputs());

        Assert.Equal(0.5, similarity.Pool([Item("x", ["A", "B"]), Item("y", ["A"])]).Between(0, 1), 10);
    }

    [Fact]
    public void Pool_similarity_from_genre_masks_equals_genre_jaccard_exactly_and_prefers_co_visitation()
    {
        var genre = Gen.Elements("Drama", "War", "Comedy", "Horror", "Sci-Fi");
        var genres = Gen.ListOf(genre).Select(g => (IReadOnlyList<string>)[.. g]);
        var prop = Prop.ForAll(
            genres.ToArbitrary(),
            genres.ToArbitrary(),
            (a, b) => new ItemSimilarity(new FakeInputs()).Pool([Item("x", [.. a]), Item("y", [.. b])]).Between(0, 1)
                == ItemSimilarity.GenreJaccard(a, b));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), prop);

        var pool = new ItemSimilarity(new FakeInputs().Neighbours("y", ("x", 0.25))).Pool([Item("x", ["A"]), Item("y", ["A"])]);
        Assert.Equal((0.25, 0.25), (pool.Between(0, 1), pool.Between(1, 0)));
    }

    [Fact]
    public void Pools_with_more_than_64_genres_fall_back_to_the_genre_lists()
    {
        var items = Enumerable.Range(0, 70).Select(i => Item($"i{i}", [$"g{i}", "shared"])).ToList();

        var pool = new ItemSimilarity(new FakeInputs()).Pool(items);

        Assert.Equal(1.0 / 3, pool.Between(0, 69), 12);
    }

    [Fact]
    public void Genre_jaccard_equals_the_set_definition_for_lists_with_repeats()
    {
        var genre = Gen.Elements("Drama", "War", "Comedy", "Horror", "Sci-Fi");
        var genres = Gen.ListOf(genre).Select(g => (IReadOnlyList<string>)[.. g]);
        var prop = Prop.ForAll(
            genres.ToArbitrary(),
            genres.ToArbitrary(),
            (a, b) =>
            {
                var setA = a.ToHashSet(StringComparer.Ordinal);
                var setB = b.ToHashSet(StringComparer.Ordinal);
                var expected = setA.Count == 0 || setB.Count == 0
                    ? 0
                    : (double)setA.Intersect(setB).Count() / setA.Union(setB).Count();
                return Math.Abs(ItemSimilarity.GenreJaccard(a, b) - expected) < 1e-12;
            });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), prop);
    }

    [Fact]
    public void Creator_cap_skips_a_third_item_by_the_same_creator()
    {
        Candidate[] ranked = [Scored("k1", 3, [], ["King"]), Scored("k2", 2, [], ["King"]), Scored("k3", 1.5, [], ["King"]), Scored("r", 1, [], ["Rice"])];

        var picked = DiversityReranker.Rerank(RankedPool.For(ranked, ranked.Length), 4, 1.0, 2, new ItemSimilarity(new FakeInputs()));

        Assert.Equal(["k1", "k2", "r"], picked.Select(c => c.Item.ItemId));
    }
}
