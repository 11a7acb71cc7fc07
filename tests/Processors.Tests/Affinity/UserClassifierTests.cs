using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Tests.Affinity;

public sealed class UserClassifierTests
{
    private static readonly long Now = TimeSpan.FromDays(100).Ticks / TimeSpan.TicksPerMillisecond;
    private readonly UserClassifier _classifier = new(new UserClassOptions());

    private static UserProfile Profile(int positives, double daysAgo) => new("u", 10, 64, 10)
    {
        PositiveInteractions = positives,
        LastEngagementMs = Now - (long)TimeSpan.FromDays(daysAgo).TotalMilliseconds,
    };

    [Theory]
    [InlineData(0, 0, UserClass.ColdStart)]
    [InlineData(4, 0, UserClass.New)]
    [InlineData(5, 0, UserClass.Casual)]
    [InlineData(20, 1, UserClass.Active)]
    [InlineData(150, 1, UserClass.Power)]
    [InlineData(500, 31, UserClass.Casual)]
    public void Classifies_by_positive_interactions_and_recency(int positives, double daysAgo, UserClass expected) =>
        Assert.Equal(expected, _classifier.Classify(Profile(positives, daysAgo), Now));

    [Fact]
    public void A_user_without_a_profile_is_cold_start() => Assert.Equal(UserClass.ColdStart, _classifier.Classify(null, Now));
}
