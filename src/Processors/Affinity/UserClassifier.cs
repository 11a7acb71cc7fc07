using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Options;

namespace RecoStreams.Processors.Affinity;

/// <summary>
/// Classes a user by positive interactions and recency: none → ColdStart; fewer than NewBelow → New;
/// idle longer than ActiveWithin → Casual; otherwise Power / Active / Casual by count thresholds.
/// </summary>
public sealed class UserClassifier(UserClassOptions options)
{
    public UserClass Classify(UserProfile? profile, long nowMs)
    {
        if (profile is null || profile.PositiveInteractions == 0)
        {
            return UserClass.ColdStart;
        }

        var count = profile.PositiveInteractions;
        if (count < options.NewBelow)
        {
            return UserClass.New;
        }

        if (nowMs - profile.LastEngagementMs > options.ActiveWithin.TotalMilliseconds)
        {
            return UserClass.Casual;
        }

        return count >= options.PowerFrom ? UserClass.Power
            : count >= options.ActiveFrom ? UserClass.Active
            : UserClass.Casual;
    }
}
