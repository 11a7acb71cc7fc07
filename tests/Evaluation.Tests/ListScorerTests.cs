using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Evaluation;

namespace RecoStreams.Evaluation.Tests;

public sealed class ListScorerTests
{
    private static readonly DateTimeOffset T0 = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static EngagementEvent Rating(string user, string item, int minute, double rating) =>
        new($"{user}:{item}", user, item, EventType.Rating, T0.AddMinutes(minute), rating);

    [Fact]
    public void Scores_per_user_in_user_order_skipping_users_without_a_relevant_held_out_item()
    {
        EngagementEvent[] log =
        [
            Rating("u1", "a", 0, 4), Rating("u1", "b", 1, 5),
            Rating("u2", "a", 0, 4), Rating("u2", "c", 1, 4),
            Rating("u3", "a", 0, 4), Rating("u3", "b", 1, 1),
        ];
        var scorer = new ListScorer(DataSplit.LeaveLastOut(log), catalogSize: 3);

        var scored = scorer.Score("s", new Dictionary<string, IReadOnlyList<string>> { ["u1"] = ["b", "c"], ["u2"] = ["b", "c"] }, k: 2);

        Assert.Equal(["u1", "u2"], scorer.Users);
        Assert.Equal([1.0, 1 / Math.Log2(3)], scored.Ndcg);
        Assert.Equal([1.0, 1.0], scored.Recall);
        var metrics = scored.ToMetrics();
        Assert.Equal(MeanEstimate.Of(scored.Ndcg).StandardError, metrics.NdcgSe, 12);
        Assert.Equal(2, metrics.Users);
        Assert.Equal(2.0 / 3, metrics.Coverage, 12);

        // One user's list scored alone, by the user's place: what the whole system's scoring gives that user.
        Assert.Equal(scored.Ndcg[1], scorer.Ndcg(1, ["b", "c"], k: 2));
        Assert.Equal(0, scorer.Ndcg(0, ["a", "c"], k: 2));
    }
}
