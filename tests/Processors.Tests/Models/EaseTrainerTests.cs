using RecoStreams.Processors.Models;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Tests.Models;

public sealed class EaseTrainerTests
{
    [Fact]
    public void Neighbour_scores_equal_the_closed_form_solved_independently()
    {
        var random = new Random(7);
        var items = new[] { "a", "b", "c", "d", "e" };
        var interactions = new List<Interaction>();
        for (var u = 0; u < 40; u++)
        {
            foreach (var item in items.Where(_ => random.NextDouble() < 0.45))
            {
                interactions.Add(new Interaction($"u{u}", item, u, 1));
            }
        }

        const double lambda = 3;
        var model = new EaseTrainer(new EaseOptions { Lambda = lambda, TopK = 10 }).Train(interactions, TestContext.Current.CancellationToken);

        var expected = ReferenceEase(interactions, items, lambda);
        foreach (var i in items)
        {
            var positive = items.Where(j => j != i && expected[i][j] > 0).ToHashSet();
            Assert.Equal(positive.Order(), model.NeighboursOf(i).Select(n => n.ItemId).Order());
            foreach (var n in model.NeighboursOf(i))
            {
                Assert.Equal(expected[i][n.ItemId], n.Score, 4);
            }
        }
    }

    [Fact]
    public void Covers_only_the_most_frequent_items()
    {
        Interaction[] interactions =
        [
            new("u1", "a", 0, 1), new("u1", "b", 0, 1), new("u1", "rare", 0, 1),
            new("u2", "a", 0, 1), new("u2", "b", 0, 1),
            new("u3", "a", 0, 1), new("u3", "b", 0, 1),
        ];

        var model = new EaseTrainer(new EaseOptions { MaxItems = 2, Lambda = 1 }).Train(interactions, TestContext.Current.CancellationToken);

        Assert.Equal(["a", "b"], model.Items);
        Assert.Equal("b", model.NeighboursOf("a")[0].ItemId);
        Assert.DoesNotContain(model.NeighboursOf("a"), n => n.ItemId == "rare");
    }

    [Fact]
    public void Records_its_type_and_parameters_for_lineage()
    {
        var trainer = new EaseTrainer(new EaseOptions { Lambda = 250, MaxItems = 300 });
        var model = trainer.Train([new("u", "a", 0, 1), new("u", "b", 0, 1)], TestContext.Current.CancellationToken);

        Assert.Equal("ease", model.ModelType);
        Assert.Equal("250", model.Parameters["lambda"]);
        Assert.Equal("300", model.Parameters["maxItems"]);
    }

    [Fact]
    public void Refuses_a_non_positive_lambda() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new EaseTrainer(new EaseOptions { Lambda = 0 }));

    /// <summary>B_ij = −P_ij / P_jj with P = (XᵀX + λI)⁻¹, inverted by Gauss-Jordan elimination.</summary>
    private static Dictionary<string, Dictionary<string, double>> ReferenceEase(List<Interaction> interactions, string[] items, double lambda)
    {
        var n = items.Length;
        var g = new double[n, 2 * n];
        foreach (var user in interactions.GroupBy(e => e.UserId))
        {
            var held = user.Select(e => Array.IndexOf(items, e.ItemId)).ToArray();
            foreach (var a in held)
            {
                foreach (var b in held)
                {
                    g[a, b] += 1;
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            g[i, i] += lambda;
            g[i, n + i] = 1;
        }

        for (var col = 0; col < n; col++)
        {
            var pivot = g[col, col];
            for (var c = 0; c < 2 * n; c++)
            {
                g[col, c] /= pivot;
            }

            for (var r = 0; r < n; r++)
            {
                if (r != col)
                {
                    var f = g[r, col];
                    for (var c = 0; c < 2 * n; c++)
                    {
                        g[r, c] -= f * g[col, c];
                    }
                }
            }
        }

        return items.Select((item, i) => (item, i)).ToDictionary(
            x => x.item,
            x => items.Select((other, j) => (other, j)).ToDictionary(y => y.other, y => -g[x.i, n + y.j] / g[y.j, n + y.j]));
    }
}
