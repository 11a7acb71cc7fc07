using RecoStreams.Processors.Experiments;

namespace RecoStreams.Processors.Tests.Experiments;

public sealed class ExperimentAssignerTests
{
    private static readonly string[] Users = [.. Enumerable.Range(0, 20_000).Select(i => $"user-{i}")];

    private static Experiment With(params (string Name, double Weight)[] variants) => new(
        "exp-1",
        string.Empty,
        [.. variants.Select((v, i) => new ExperimentVariant(v.Name, v.Weight, i == 0, null, null))],
        new ExperimentTargeting(1, []),
        0,
        null,
        0);

    [Fact]
    public void A_user_gets_the_same_variant_every_time()
    {
        var experiment = With(("control", 1), ("treatment", 1));

        foreach (var user in Users.Take(500))
        {
            Assert.Equal(ExperimentAssigner.VariantOf(experiment, user).Name, ExperimentAssigner.VariantOf(experiment, user).Name);
        }
    }

    [Fact]
    public void Variants_get_shares_of_users_close_to_their_weights()
    {
        var experiment = With(("control", 2), ("a", 1), ("b", 1));

        var shares = Users.GroupBy(u => ExperimentAssigner.VariantOf(experiment, u).Name).ToDictionary(g => g.Key, g => (double)g.Count() / Users.Length);

        // 20,000 users: a share's standard error is below 0.004, so 0.02 is five of them.
        Assert.Equal(0.5, shares["control"], 0.02);
        Assert.Equal(0.25, shares["a"], 0.02);
        Assert.Equal(0.25, shares["b"], 0.02);
    }

    [Fact]
    public void Raising_one_variants_weight_moves_users_only_into_that_variant()
    {
        var before = With(("control", 1), ("a", 1), ("b", 1));
        var after = With(("control", 1), ("a", 1), ("b", 3));

        var moved = Users
            .Select(u => (From: ExperimentAssigner.VariantOf(before, u).Name, To: ExperimentAssigner.VariantOf(after, u).Name))
            .Where(m => m.From != m.To)
            .ToList();

        Assert.NotEmpty(moved);
        Assert.All(moved, m => Assert.Equal("b", m.To));
    }

    [Fact]
    public void Traffic_fraction_selects_about_that_share_and_growing_it_keeps_everyone_already_in()
    {
        var ten = With(("control", 1), ("treatment", 1)) with { Targeting = new ExperimentTargeting(0.1, []) };
        var thirty = ten with { Targeting = new ExperimentTargeting(0.3, []) };

        var inTen = Users.Where(u => ExperimentAssigner.Targets(ten, u)).ToList();

        Assert.Equal(0.1, (double)inTen.Count / Users.Length, 0.01);
        Assert.All(inTen, u => Assert.True(ExperimentAssigner.Targets(thirty, u)));
    }

    [Fact]
    public void Only_active_experiments_assign_and_a_listed_user_set_overrides_the_fraction()
    {
        var listed = With(("control", 1), ("treatment", 1)) with { Targeting = new ExperimentTargeting(1, ["alice"]) };
        var stopped = listed with { Id = "exp-0", Targeting = new ExperimentTargeting(1, []), StoppedAtMs = 5 };

        Assert.Equal("exp-1", ExperimentAssigner.Assign([stopped, listed], "alice", nowMs: 10)?.ExperimentId);
        Assert.Null(ExperimentAssigner.Assign([stopped, listed], "bob", nowMs: 10));
        Assert.Null(ExperimentAssigner.Assign([listed with { EndsAtMs = 10 }], "alice", nowMs: 10));
    }
}
