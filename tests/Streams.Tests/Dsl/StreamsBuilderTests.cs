using RecoStreams.Streams.Dsl;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using RecoStreams.Streams.Testing;
using Xunit;

namespace RecoStreams.Streams.Tests.Dsl;

public sealed class StreamsBuilderTests
{
    /// <summary>user -> item events; enrich with the catalog genre; count per genre (re-keyed, so repartitioned).</summary>
    private static Streams.Topology GenreCounts(bool caching)
    {
        var builder = new StreamsBuilder();
        var catalog = builder.GlobalTable("catalog-items", Serdes.String, Serdes.String, "catalog");
        var store = Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("genre-counts"), Serdes.String, Serdes.Long);
        if (caching)
        {
            store.WithCachingEnabled();
        }

        builder.Stream("events", Serdes.String, Serdes.String)
            .Filter((_, item) => !string.IsNullOrEmpty(item))
            .Join(catalog, (_, item) => item, (item, genre) => genre, Serdes.String)
            .SelectKey((_, genre) => genre, Serdes.String)
            .MapValues((_, _) => 1L, Serdes.Long)
            .GroupByKey()
            .Aggregate(() => 0L, (_, one, sum) => sum + one, store, Serdes.Long)
            .To("genre-counts-out");
        return builder.Build();
    }

    [Fact]
    public void Dsl_compiles_to_subtopologies_split_at_the_repartition_before_the_aggregate()
    {
        var description = GenreCounts(caching: false).Describe("app");

        Assert.Equal(2, description.Subtopologies.Count);
        Assert.Single(description.GlobalStores);
        var upstream = description.Subtopologies[0];
        var downstream = description.Subtopologies[1];
        Assert.Equal(["events"], upstream.SourceTopics);
        Assert.Equal(["app-genre-counts-repartition"], upstream.SinkTopics);
        Assert.Equal(["app-genre-counts-repartition"], downstream.RepartitionSourceTopics);
        Assert.Equal(["genre-counts"], downstream.Stores);
        Assert.Contains("Processor: KSTREAM-FILTER-0000000003 (stores: [])", description.ToString());
    }

    [Fact]
    public void Dsl_topology_filters_joins_repartitions_and_aggregates_end_to_end()
    {
        using var driver = new TopologyTestDriver(GenreCounts(caching: false));
        var catalog = driver.CreateInputTopic("catalog-items", Serdes.String, Serdes.String);
        var events = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        var output = driver.CreateOutputTopic("genre-counts-out", Serdes.String, Serdes.Long);
        catalog.PipeInput("item-1", "drama", timestamp: 0);
        catalog.PipeInput("item-2", "comedy", timestamp: 0);

        events.PipeInput("u1", "item-1", timestamp: 1);
        events.PipeInput("u2", "item-1", timestamp: 2);
        events.PipeInput("u2", "", timestamp: 3);          // filtered out
        events.PipeInput("u3", "item-unknown", timestamp: 4); // inner join drops it
        events.PipeInput("u3", "item-2", timestamp: 5);

        Assert.Equal([new("drama", 1), new("drama", 2), new("comedy", 1)], output.ReadKeyValuesToList());
        Assert.Equal(2, driver.GetKeyValueStore<string, long>("genre-counts").GetOrDefault("drama", 0));
    }

    [Fact]
    public void Cached_aggregate_emits_only_the_latest_result_per_key_on_commit()
    {
        using var driver = new TopologyTestDriver(GenreCounts(caching: true));
        var catalog = driver.CreateInputTopic("catalog-items", Serdes.String, Serdes.String);
        var events = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        var output = driver.CreateOutputTopic("genre-counts-out", Serdes.String, Serdes.Long);
        catalog.PipeInput("item-1", "drama", timestamp: 0);
        for (var i = 0; i < 5; i++)
        {
            events.PipeInput($"u{i}", "item-1", timestamp: i);
        }

        Assert.True(output.IsEmpty);
        driver.Commit();

        Assert.Equal([new("drama", 5)], output.ReadKeyValuesToList());
    }

    [Fact]
    public void A_source_passes_over_records_by_their_headers_without_deserializing_them()
    {
        var builder = new StreamsBuilder();
        builder.Stream("events", Serdes.String, Serdes.Long, skipWhen: record => record.Headers?.LastValue("skip") is not null).To("out");
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.Long);
        var output = driver.CreateOutputTopic("out", Serdes.String, Serdes.Long);

        input.PipeRawInput("k1"u8.ToArray(), [1], timestamp: 1, new RecordHeaders().Add("skip", []));   // not a long: would fail to deserialize
        input.PipeInput("k2", 42L, timestamp: 2, new RecordHeaders().Add("other", "x"));
        input.PipeInput("k3", 7L, timestamp: 3, new RecordHeaders().Add("skip", "y"));

        Assert.Equal([new("k2", 42L)], output.ReadKeyValuesToList());
    }

    [Fact]
    public void Left_join_keeps_records_without_a_table_row()
    {
        var builder = new StreamsBuilder();
        var catalog = builder.GlobalTable("catalog-items", Serdes.String, Serdes.String, "catalog");
        builder.Stream("events", Serdes.String, Serdes.String)
            .LeftJoin(catalog, (_, item) => item, (item, title) => $"{item}:{title ?? "?"}", Serdes.String)
            .To("out");
        using var driver = new TopologyTestDriver(builder.Build());

        driver.CreateInputTopic("events", Serdes.String, Serdes.String).PipeInput("u1", "item-404", timestamp: 1);

        Assert.Equal("item-404:?", driver.CreateOutputTopic("out", Serdes.String, Serdes.String).ReadValue());
    }

    [Fact]
    public void A_sink_after_a_type_change_without_serde_is_rejected_with_a_clear_message()
    {
        var builder = new StreamsBuilder();
        var stream = builder.Stream("events", Serdes.String, Serdes.String).MapValues((_, v) => v.Length);

        var error = Assert.Throws<TopologyException>(() => stream.To("out"));

        Assert.Contains("sink to 'out' needs a value serde", error.Message);
    }
}
