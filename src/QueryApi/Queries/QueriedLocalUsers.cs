using System.Diagnostics.CodeAnalysis;
using RecoStreams.Backfill;
using RecoStreams.Hosting.Http;

namespace RecoStreams.QueryApi.Queries;

/// <summary>The backfill's local users, read from the profile stores through the interactive queries.</summary>
public sealed class QueriedLocalUsers(IRecommendationQueries queries) : ILocalUsers
{
    public bool TryList([NotNullWhen(true)] out IReadOnlyList<string>? userIds, [NotNullWhen(false)] out string? unavailableReason)
    {
        try
        {
            userIds = queries.LocalUserIds();
            unavailableReason = null;
            return true;
        }
        catch (ServiceUnavailableException e)
        {
            // Rebalancing or restoring: the 503 an HTTP caller would get, as a reason to skip this run.
            userIds = null;
            unavailableReason = e.Message;
            return false;
        }
    }
}
