namespace RecoStreams.QueryApi.Routing;

/// <summary>
/// Where a user's state is hosted: here, at <paramref name="RemoteOwner"/> (another instance's
/// application.server), or nowhere known (both false/null: the local query then answers 503).
/// </summary>
public sealed record UserLocation(bool IsLocal, string? RemoteOwner)
{
    public static UserLocation Local { get; } = new(true, null);

    public static UserLocation Unknown { get; } = new(false, null);
}
