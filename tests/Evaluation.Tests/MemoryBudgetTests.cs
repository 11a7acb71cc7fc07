namespace RecoStreams.Evaluation.Tests;

/// <summary>The replay's memory budget: it collects when the process is over it, and not again until the process has grown.</summary>
public sealed class MemoryBudgetTests
{
    [Fact]
    public void A_process_over_the_budget_is_collected_once_and_not_again_until_it_grows_by_an_eighth_of_the_budget()
    {
        // Half of what the process holds now: over the budget, with a step (an eighth) of several MiB.
        var budget = new MemoryBudget(Environment.WorkingSet / 2);

        budget.Check();
        budget.Check();

        Assert.Equal(1, budget.Collections);
    }

    [Fact]
    public async Task A_watched_budget_collects_with_no_caller_checking_it()
    {
        var budget = new MemoryBudget(Environment.WorkingSet / 2);

        using (budget.Watch(TimeSpan.FromMilliseconds(10)))
        {
            for (var waited = 0; budget.Collections == 0 && waited < 200; waited++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(25), TestContext.Current.CancellationToken);
            }
        }

        Assert.True(budget.Collections >= 1);
    }

    [Fact]
    public void Without_a_budget_nothing_is_collected()
    {
        var budget = MemoryBudget.None;

        budget.Check();

        Assert.Equal(0, budget.Collections);
    }
}
