using System.Globalization;
using RecoStreams.Processors.Evaluation;
using RecoStreams.Processors.Models;

namespace RecoStreams.Processors.Tests.Evaluation;

/// <summary>
/// The choice of a family's setting keeps only the best model so far while trainers run in parallel: the chosen trainer,
/// recency factor and model must be those of the first best point in grid order, whichever trainer finishes first.
/// </summary>
public sealed class ItemModelSelectionTests
{
    private static readonly double[] Recency = [1, 0.5];

    [Theory]
    [InlineData(new[] { 0.1, 0.3, 0.2, 0.3 }, new[] { 0.2, 0.1, 0.1, 0.25 }, 1, 0)]
    [InlineData(new[] { 0.4, 0.1, 0.1, 0.1 }, new[] { 0.1, 0.1, 0.1, 0.1 }, 0, 0)]
    [InlineData(new[] { 0.1, 0.1, 0.1, 0.2 }, new[] { 0.1, 0.1, 0.1, 0.3 }, 3, 1)]
    [InlineData(new[] { 0.2, 0.2, 0.2, 0.2 }, new[] { 0.2, 0.2, 0.2, 0.2 }, 0, 0)]
    public void The_first_best_point_in_grid_order_wins_with_its_own_model_whatever_order_trainers_finish_in(
        double[] atFullRecency, double[] atHalfRecency, int expectedTrainer, int expectedRecency)
    {
        // Trainer t finishes after (count - t) delays, so later trainers tend to finish first.
        var trainers = Enumerable.Range(0, atFullRecency.Length).Select(t => new LabelledTrainer(t, atFullRecency.Length - t)).ToArray();
        var family = new ItemModelFamily("test", trainers, Recency);

        var choice = ItemModelSelection.Choose(
            family,
            [],
            model =>
            {
                // Two validation users with the point's NDCG: their mean is the point's score.
                var t = int.Parse(model.Parameters["trainer"], CultureInfo.InvariantCulture);
                var ndcg = model.RecencyFactor == 1 ? atFullRecency[t] : atHalfRecency[t];
                return [ndcg, ndcg];
            },
            CancellationToken.None);

        Assert.Same(trainers[expectedTrainer], choice.Trainer);
        Assert.Equal(Recency[expectedRecency], choice.RecencyFactor);
        Assert.Equal(expectedTrainer.ToString(CultureInfo.InvariantCulture), choice.ValidationModel.Parameters["trainer"]);
        Assert.Equal(Recency[expectedRecency], choice.ValidationModel.RecencyFactor);
        Assert.Equal(atFullRecency.Length * Recency.Length, choice.Candidates);
    }

    /// <summary>A trainer whose model names it, trained after a delay.</summary>
    private sealed class LabelledTrainer(int index, int delays) : IItemModelTrainer
    {
        public string ModelType => "labelled";

        public IReadOnlyDictionary<string, string> Parameters { get; } =
            new Dictionary<string, string> { ["trainer"] = index.ToString(CultureInfo.InvariantCulture) };

        public ItemNeighbourModel Train(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken)
        {
            Thread.Sleep(TimeSpan.FromMilliseconds(20 * delays));
            return new ItemNeighbourModel(ModelType, Parameters, [new("a", [new ScoredItem("b", 1)])]);
        }
    }
}
