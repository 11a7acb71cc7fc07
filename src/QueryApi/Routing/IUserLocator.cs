namespace RecoStreams.QueryApi.Routing;

/// <summary>Finds the instance hosting a user's partition of the user-keyed stores.</summary>
public interface IUserLocator
{
    UserLocation Locate(string userId);
}
