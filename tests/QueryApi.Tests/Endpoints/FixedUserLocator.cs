using RecoStreams.QueryApi.Routing;

namespace RecoStreams.QueryApi.Tests.Endpoints;

/// <summary>Every user is local unless <see cref="Owners"/> names another instance for them.</summary>
internal sealed class FixedUserLocator : IUserLocator
{
    public Dictionary<string, string> Owners { get; } = new(StringComparer.Ordinal);

    public string? RemoteOwner(string userId) => Owners.GetValueOrDefault(userId);
}
