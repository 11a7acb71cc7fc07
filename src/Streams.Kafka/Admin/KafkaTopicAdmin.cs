using Confluent.Kafka;
using Confluent.Kafka.Admin;
using RecoStreams.Streams.Kafka.Clients;

namespace RecoStreams.Streams.Kafka.Admin;

/// <summary>Topic administration against a real Kafka cluster through the AdminClient.</summary>
public sealed class KafkaTopicAdmin : ITopicAdmin
{
    private readonly IAdminClient _admin;
    private readonly KafkaClientOptions _options;
    private readonly TimeSpan _timeout;

    public KafkaTopicAdmin(KafkaClientOptions options, TimeSpan? timeout = null)
    {
        Native.LibrdkafkaLoader.EnsureLoaded();
        _options = options;
        _timeout = timeout ?? TimeSpan.FromSeconds(30);
        _admin = new AdminClientBuilder(KafkaClientConfigs.Admin(options, options.ApplicationId + "-admin")).WithClientLog(options).Build();
    }

    public IReadOnlyDictionary<string, int> PartitionCounts(IEnumerable<string> topics) =>
        MetadataPartitionCounts.Lookup(_admin, topics, _timeout);

    public void EnsureTopics(IReadOnlyCollection<InternalTopicSpec> topics)
    {
        var existing = PartitionCounts(topics.Select(t => t.Name));
        MetadataPartitionCounts.RequireMatching(topics, existing);
        var missing = topics.Where(t => !existing.ContainsKey(t.Name)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var specifications = missing.Select(t => new TopicSpecification
        {
            Name = t.Name,
            NumPartitions = t.Partitions,
            ReplicationFactor = _options.InternalTopicReplicationFactor,
            Configs = t.Configs.ToDictionary(),
        });
        try
        {
            var created = _admin.CreateTopicsAsync(specifications, new CreateTopicsOptions { RequestTimeout = _timeout });
            if (!created.Wait(_timeout + TimeSpan.FromSeconds(5)))
            {
                throw new TimeoutException($"Creating internal topics did not finish within {_timeout.TotalSeconds:0} s.");
            }
        }
        catch (AggregateException e) when (e.InnerException is CreateTopicsException create)
        {
            // Another instance of the application may have created them in between: that is success.
            var failed = create.Results.Where(r => r.Error.Code is not ErrorCode.NoError and not ErrorCode.TopicAlreadyExists).ToList();
            if (failed.Count > 0)
            {
                throw new InvalidOperationException(
                    "Creating internal topics failed: " + string.Join("; ", failed.Select(r => $"{r.Topic}: {r.Error.Reason}")), create);
            }
        }
    }

    public void Dispose() => _admin.Dispose();
}
