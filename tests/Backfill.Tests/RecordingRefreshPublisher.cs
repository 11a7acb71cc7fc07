
namespace RecoStreams.Backfill.Tests;

/// <summary>Remembers every refresh request, in order; safe for the runner's concurrent publishes.</summary>
internal sealed class RecordingRefreshPublisher : IRefreshPublisher
{
    private readonly List<string> _users = [];

    public IReadOnlyList<string> Users
    {
        get
        {
            lock (_users)
            {
                return [.. _users];
            }
        }
    }

    public Task PublishRefreshAsync(string userId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_users)
        {
            _users.Add(userId);
        }

        return Task.CompletedTask;
    }
}
