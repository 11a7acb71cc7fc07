namespace RecoStreams.QueryApi.Routing;

/// <summary>Finds the instance hosting a user's partition of the user-keyed stores.</summary>
public interface IUserLocator
{
    /// <summary>
    /// The application.server of another instance hosting <paramref name="userId"/>, or null to answer here:
    /// this instance hosts the user, or nobody is known to (the local query then answers 503).
    /// </summary>
    string? RemoteOwner(string userId);
}
