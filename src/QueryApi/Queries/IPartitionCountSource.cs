namespace RecoStreams.QueryApi.Queries;

/// <summary>The partition count of a topic, or null when the topic does not exist (yet).</summary>
public interface IPartitionCountSource
{
    int? PartitionCount(string topic);
}
