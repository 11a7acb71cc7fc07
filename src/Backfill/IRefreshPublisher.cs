namespace RecoStreams.Backfill;

/// <summary>Produces refresh requests: the one thing a backfill needs to write.</summary>
public interface IRefreshPublisher
{
    /// <summary>Asks the owner of <paramref name="userId"/>'s partition to recompute the user's list now.</summary>
    Task PublishRefreshAsync(string userId, CancellationToken cancellationToken);
}
