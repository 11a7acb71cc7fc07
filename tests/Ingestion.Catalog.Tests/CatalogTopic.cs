using System.Text;
using Confluent.Kafka;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry;
using RecoStreams.Avro.WireFormat;

using Xunit;

namespace RecoStreams.Ingestion.Catalog.Tests;

/// <summary>Reads a topic of the mock cluster from the beginning to its end, decoding CatalogItem values.</summary>
internal static class CatalogTopic
{
    /// <summary>Every record in partition order: key, decoded value (null for a tombstone) and partition.</summary>
    public static List<(string Key, CatalogItem? Value, int Partition)> ReadAll(string bootstrap, string topic, ISchemaRegistryClient registry)
    {
        var deserializer = new ConfluentAvroDeserializer<CatalogItem>(CatalogItemContract.Instance, registry);
        using var consumer = new ConsumerBuilder<byte[], byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "catalog-test-reader",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        }).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
            .Select(p => new TopicPartitionOffset(topic, p.PartitionId, Offset.Beginning)).ToList();
        consumer.Assign(partitions);
        var open = partitions.Select(p => p.Partition.Value).ToHashSet();
        var records = new List<(string, CatalogItem?, int)>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (open.Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"partitions {string.Join(",", open)} of {topic} never reached their end");
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                open.Remove(result.Partition.Value);
                continue;
            }

            var value = result.Message.Value is null ? null : deserializer.Deserialize(result.Message.Value);
            records.Add((Encoding.UTF8.GetString(result.Message.Key), value, result.Partition.Value));
        }

        return records;
    }

    /// <summary>Field-by-field equality: the record's lists and maps compare by reference otherwise.</summary>
    public static void AssertSame(CatalogItem expected, CatalogItem? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.ItemId, actual.ItemId);
        Assert.Equal(expected.Title, actual.Title);
        Assert.Equal(expected.Genres, actual.Genres);
        Assert.Equal(expected.Creators, actual.Creators);
        Assert.Equal(expected.Language, actual.Language);
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.DurationSeconds, actual.DurationSeconds);
        Assert.Equal(expected.Available, actual.Available);
        Assert.Equal(expected.PublishedAt, actual.PublishedAt);
        Assert.Equal(expected.UpdatedAt, actual.UpdatedAt);
        Assert.Equal(expected.Attributes.OrderBy(a => a.Key), actual.Attributes.OrderBy(a => a.Key));
    }
}
