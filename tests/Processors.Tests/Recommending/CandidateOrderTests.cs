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
}
