using System.Text;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry;
using RecoStreams.Avro.WireFormat;
using RecoStreams.Tests.Shared;
using Xunit;

namespace RecoStreams.Ingestion.Catalog.Tests;

/// <summary>Reads a topic of the mock cluster from the beginning to its end, decoding CatalogItem values.</summary>
internal static class CatalogTopic
{
    /// <summary>Every record in partition order: key, decoded value (null for a tombstone) and partition.</summary>
    public static List<(string Key, CatalogItem? Value, int Partition)> ReadAll(string bootstrap, string topic, ISchemaRegistryClient registry)
    {
        var deserializer = new ConfluentAvroDeserializer<CatalogItem>(CatalogItemContract.Instance, registry);
        return [.. TopicToEnd.ReadAll(bootstrap, topic).Select(r => (
            Encoding.UTF8.GetString(r.Message.Key!),
            r.Message.Value is null ? null : deserializer.Deserialize(r.Message.Value),
            r.Partition.Value))];
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
