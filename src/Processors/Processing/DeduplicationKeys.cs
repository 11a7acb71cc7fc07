namespace RecoStreams.Processors.Processing;

/// <summary>
/// Keys of the event-ids store: the user's id first, length-prefixed, then the event id, so all of a
/// user's ids share a prefix that no other user's can extend (an erase or retention removes them with
/// one prefix scan) and ids stay unique per user as they are globally.
/// </summary>
public static class DeduplicationKeys
{
    public static string UserPrefix(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        return string.Concat(userId.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ":", userId, "|");
    }

    public static string For(string userId, string eventId) => UserPrefix(userId) + eventId;
}
