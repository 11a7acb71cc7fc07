using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Processors.Recommending;
using static RecoStreams.Processors.Tests.Support.TestData;

namespace RecoStreams.Processors.Tests.Recommending;

public sealed class CandidateOrderTests
{
    [Fact]
    public void Sorting_on_score_keys_then_ids_gives_the_order_of_one_comparison_sort_by_score_then_id()
    {
        // Few distinct scores (ties are the case the id order must settle), shuffled ids, negative and zero scores.
        var candidates = Gen.Choose(-3, 3).Select(s => s / 2.0).ListOf().Select(scores => scores
            .Select((score, i) => new Candidate(Item($"i{(i * 7919) % 1000}-{i}", ["Drama"])) { Score = score })
            .ToArray());
        var property = Prop.ForAll(candidates.ToArbitrary(), ranked =>
        {
            var expected = ranked
                .OrderByDescending(c => c.Score)
                .ThenBy(c => c.Item.ItemId, StringComparer.Ordinal)
                .Select(c => c.Item.ItemId)
                .ToList();

            Recommender.SortByScoreThenId(ranked);

            return expected.SequenceEqual(ranked.Select(c => c.Item.ItemId));
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void The_pool_of_the_best_candidates_equals_the_first_ones_of_the_full_order_ties_included()
    {
        // Few distinct scores, so the pool's last place usually falls inside a run of equal scores.
        var cases = Gen.Choose(-3, 3).Select(s => s / 2.0).ListOf().SelectMany(
            scores => Gen.Choose(0, scores.Count + 2).Select(count => (Scores: scores, Count: count)));
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var candidates = c.Scores
                .Select((score, i) => new Candidate(Item($"i{(i * 7919) % 1000}-{i}", ["Drama"])) { Score = score })
                .ToList();
            var expected = candidates
                .OrderByDescending(x => x.Score)
                .ThenBy(x => x.Item.ItemId, StringComparer.Ordinal)
                .Take(c.Count)
                .Select(x => x.Item.ItemId)
                .ToList();

            var pool = Recommender.BestByScoreThenId(candidates, c.Count);

            return expected.SequenceEqual(pool.Select(x => x.Item.ItemId));
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    [Fact]
    public void Selection_finds_the_value_a_sort_puts_at_each_index()
    {
        var cases = Gen.Choose(-20, 20).Select(v => v / 4.0).NonEmptyListOf().SelectMany(
            values => Gen.Choose(0, values.Count - 1).Select(k => (Values: values, K: k)));
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var sorted = c.Values.Order().ToArray();

            return Recommender.Select([.. c.Values], c.K) == sorted[c.K];
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }
}
