namespace RecoStreams.Streams.State;

/// <summary>Names of the internal topics that back stores, as Kafka Streams names them.</summary>
public static class ChangelogTopics
{
    public static string NameFor(string applicationId, string storeName) => $"{applicationId}-{storeName}-changelog";
}
