using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Processors.Recommending;
using static RecoStreams.Processors.Tests.Support.TestData;

namespace RecoStreams.Processors.Tests.Recommending;

public sealed class CandidateOrderTests
{
    [Fact]
    public void The_ranked_pool_equals_the_first_entries_of_one_comparison_sort_by_score_then_id_ties_included()
    {
        // Few distinct scores (ties are the case the id order must settle, and the pool's last place usually falls inside
        // a run of equal scores), shuffled ids, negative and zero scores, pool sizes below and above the candidates.
        var cases = Gen.Choose(-3, 3).Select(s => s / 2.0).ListOf().SelectMany(
            scores => Gen.Choose(-1, scores.Count + 2).Select(size => (Scores: scores, Size: size)));
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var candidates = c.Scores
                .Select((score, i) => new Candidate(Item($"i{(i * 7919) % 1000}-{i}", ["Drama"])) { Score = score })
                .ToArray();
            var expected = candidates
                .OrderByDescending(x => x.Score)
                .ThenBy(x => x.Item.ItemId, StringComparer.Ordinal)
                .Take(Math.Max(c.Size, 0))
                .Select(x => x.Item.ItemId)
                .ToList();

            var pool = RankedPool.For(candidates, c.Size);

            return pool.Count == expected.Count
                && expected.SequenceEqual(Enumerable.Range(0, pool.Count).Select(i => pool[i].Item.ItemId));
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    [Fact]
    public void The_ranked_pool_answers_any_index_first_and_takes_only_up_to_the_index_asked()
    {
        var cases = Gen.Choose(-20, 20).Select(v => v / 4.0).NonEmptyListOf().SelectMany(
            scores => Gen.Choose(0, scores.Count - 1).ListOf().Select(reads => (Scores: scores, Reads: reads)));
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var candidates = c.Scores.Select((score, i) => new Candidate(Item($"i{i}", [])) { Score = score }).ToArray();
            var sorted = candidates.OrderByDescending(x => x.Score).ThenBy(x => x.Item.ItemId, StringComparer.Ordinal).ToArray();
            var pool = RankedPool.For(candidates, candidates.Length);
            var furthest = -1;

            foreach (var index in c.Reads)
            {
                furthest = Math.Max(furthest, index);
                if (!ReferenceEquals(pool[index], sorted[index]) || pool.Taken != furthest + 1)
                {
                    return false;
                }
            }

            return true;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }
}
