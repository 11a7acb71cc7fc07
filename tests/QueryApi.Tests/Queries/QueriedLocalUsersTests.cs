using RecoStreams.Processors.Domain;
using RecoStreams.QueryApi.Queries;
using RecoStreams.QueryApi.Tests.Endpoints;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Queries;

public sealed class QueriedLocalUsersTests
{
    [Fact]
    public void Lists_the_users_of_the_local_profile_stores()
    {
        var queries = new InMemoryRecommendationQueries();
        foreach (var user in new[] { "cy", "ann", "bob" })
        {
            queries.Profiles[user] = new UserProfile(user, 10, 64, 10);
        }

        Assert.True(new QueriedLocalUsers(queries).TryList(out var users, out _));
        Assert.Equal(["ann", "bob", "cy"], users);
    }

    [Fact]
    public void During_a_rebalance_lists_none_and_says_why()
    {
        var queries = new InMemoryRecommendationQueries { Rebalancing = true };
        queries.Profiles["ann"] = new UserProfile("ann", 10, 64, 10);

        Assert.False(new QueriedLocalUsers(queries).TryList(out var users, out var reason));
        Assert.Null(users);
        Assert.Contains("Rebalancing", reason, StringComparison.Ordinal);
    }
}
