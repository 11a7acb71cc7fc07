using System.Text;
using RecoStreams.Streams.Kafka.Consuming;

namespace RecoStreams.Backfill;

/// <summary>
/// The live keys of a compacted changelog: every key whose latest committed record up to the end offsets taken
/// at the start is not a tombstone (read_committed: an exactly-once task's aborted writes never count). A
/// backfill reads the user-profiles changelog this way to find every user of the application without asking
/// the instances that own them.
/// </summary>
public static class ChangelogKeys
{
    public static IReadOnlyList<string> Read(string bootstrapServers, string topic, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Stop at the end offsets as of now: users added while the backfill runs are fresh anyway.
        var live = new Dictionary<string, bool>(StringComparer.Ordinal);
        TopicReadToEnd.Read<byte[]?>(
            bootstrapServers,
            "recostreams-backfill-reader",
            topic,
            timeout,
            result =>
            {
                if (result.Message.Key is { } key)
                {
                    live[Encoding.UTF8.GetString(key)] = result.Message.Value is not null;
                }
            },
            cancellationToken);
        return [.. live.Where(kv => kv.Value).Select(kv => kv.Key).Order(StringComparer.Ordinal)];
    }
}
