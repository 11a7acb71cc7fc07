using System.Text;
using RecoStreams.EndToEnd.Tests.Routing;
using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Items;
using RecoStreams.Processors.Privacy;
using RecoStreams.Processors.Serdes;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using RecoStreams.Tests.Shared;
using RecoStreams.Topology;
using StreamSerdes = RecoStreams.Streams.Serialization.Serdes;

namespace RecoStreams.EndToEnd.Tests.Privacy;

/// <summary>
/// Looks for a raw user id (as UTF-8 bytes, in keys and in serialized values) in every key-value store of
/// every instance (the by-user and by-item stores of each local task, and the global stores) and in the
/// latest value of every key of the given topics (changelogs, consents). A key whose latest value is a
/// tombstone is not personal data that remains; any other hit is.
/// </summary>
internal static class PersonalDataSearch
{
    public static List<string> InStores(IEnumerable<RecoInstance> instances, string userId, bool includeConsents)
    {
        var id = Encoding.UTF8.GetBytes(userId);
        var found = new List<string>();
        foreach (var instance in instances)
        {
            var streams = instance.Streams;
            void Local<TValue>(string store, ISerde<TValue> serde)
            {
                foreach (var (partition, local) in streams.Stores<IReadOnlyKeyValueStore<string, TValue>>(store))
                {
                    Scan($"{instance.Endpoint} {store}[{partition}]", local, serde);
                }
            }

            void Global<TValue>(string store, ISerde<TValue> serde) =>
                Scan($"{instance.Endpoint} global {store}", streams.GlobalStore<IReadOnlyKeyValueStore<string, TValue>>(store), serde);

            void Scan<TValue>(string where, IReadOnlyKeyValueStore<string, TValue> store, ISerde<TValue> serde)
            {
                using var all = store.All();
                while (all.MoveNext())
                {
                    var (key, value) = (all.Current.Key, all.Current.Value);
                    if (key.Contains(userId, StringComparison.Ordinal)
                        || (value is not null && serde.Serialize(value, new SerdeContext("search", IsKey: false)).AsSpan().IndexOf(id) >= 0))
                    {
                        found.Add($"{where}: {key}");
                    }
                }
            }

            Local(RecoStoreNames.EventIds, StreamSerdes.Long);
            Local(RecoStoreNames.PendingEnrichment, new PendingEventsSerde());
            Local(RecoStoreNames.Profiles, new UserProfileSerde());
            Local(RecoStoreNames.DirtyUsers, StreamSerdes.Long);
            Local(RecoStoreNames.Recommendations, new RecommendationListSerde());
            Local(RecoStoreNames.EraseWatermarks, StreamSerdes.Long);
            Local<ItemAggregate>(RecoStoreNames.ItemAggregates, new ItemAggregateSerde());
            Local<DecayedScore>(RecoStoreNames.ItemCounts, new DecayedScoreSerde());
            Local(RecoStoreNames.DirtyItems, StreamSerdes.Long);
            Global<CatalogItem>(RecoStoreNames.Catalog, new CatalogItemSerde());
            Global<ItemStats>(RecoStoreNames.ItemStats, new ItemStatsSerde());
            if (includeConsents)
            {
                Global<ConsentRecord>(RecoStoreNames.Consents, new ConsentRecordSerde());
            }
        }

        return found;
    }

    /// <summary>Keys of <paramref name="topics"/> whose latest value is not a tombstone yet names the user, or whose latest value names it.</summary>
    public static List<string> InLatestValues(string bootstrapServers, IEnumerable<string> topics, string userId)
    {
        var id = Encoding.UTF8.GetBytes(userId);
        return [.. Latest(bootstrapServers, topics)
            .Where(kv => (kv.Key.Key.AsSpan().IndexOf(id) >= 0 && kv.Value is not null) || (kv.Value is { } value && value.AsSpan().IndexOf(id) >= 0))
            .Select(kv => $"{kv.Key.Topic}: {Encoding.UTF8.GetString(kv.Key.Key)}")];
    }

    /// <summary>How many keys of <paramref name="topics"/> name the user and end in a tombstone (what compaction removes later).</summary>
    public static int TombstoneKeys(string bootstrapServers, IEnumerable<string> topics, string userId)
    {
        var id = Encoding.UTF8.GetBytes(userId);
        return Latest(bootstrapServers, topics).Count(kv => kv.Value is null && kv.Key.Key.AsSpan().IndexOf(id) >= 0);
    }

    /// <summary>The latest value of every key of <paramref name="topics"/>, read from the beginning to the current end.</summary>
    private static List<KeyValuePair<(string Topic, byte[] Key), byte[]?>> Latest(string bootstrapServers, IEnumerable<string> topics)
    {
        // Every partition of every topic in one read: one at a time paid a fetch round trip each (40 s for 64).
        // read_uncommitted: a record of an aborted transaction still holds the data searched for.
        var latest = new Dictionary<(string Topic, string KeyHex), byte[]?>();
        foreach (var record in TopicToEnd.ReadAll(bootstrapServers, topics, TimeSpan.FromSeconds(30)))
        {
            latest[(record.Topic, Convert.ToHexString(record.Message.Key ?? []))] = record.Message.Value;
        }

        return [.. latest.Select(kv => new KeyValuePair<(string, byte[]), byte[]?>((kv.Key.Topic, Convert.FromHexString(kv.Key.KeyHex)), kv.Value))];
    }
}
