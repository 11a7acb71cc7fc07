using System.Diagnostics.CodeAnalysis;

namespace RecoStreams.Backfill;

/// <summary>The users whose state this instance hosts: what a scheduled backfill refreshes. The host implements it over its queries.</summary>
public interface ILocalUsers
{
    /// <summary>
    /// Every user id in this instance's profile stores; false with the reason when the instance cannot list them
    /// now (rebalancing, restoring), since a partial list would leave users out.
    /// </summary>
    bool TryList([NotNullWhen(true)] out IReadOnlyList<string>? userIds, [NotNullWhen(false)] out string? unavailableReason);
}
