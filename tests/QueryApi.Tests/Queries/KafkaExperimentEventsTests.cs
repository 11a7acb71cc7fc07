using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Avro.WireFormat;
using RecoStreams.Processors.Experiments;
using RecoStreams.QueryApi.Queries;
using RecoStreams.Streams;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Tests.Shared;
using RecoStreams.Topology;
using RecoStreams.Topology.Wire;
using Xunit;
using ServedItem = RecoStreams.Processors.Experiments.ServedItem;

namespace RecoStreams.QueryApi.Tests.Queries;

public sealed class KafkaExperimentEventsTests
{
    [Fact]
    public async Task Exposures_queued_before_a_graceful_stop_are_all_on_recommendation_served_after_it_without_headers_and_told_apart_by_their_value_when_outside_any_experiment()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic(RecoTopics.RecommendationServed, 3);
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), TestContext.Current.CancellationToken);
        var topics = new RecoTopics("exposure-test");
        var events = new KafkaExperimentEvents(
            new StreamsOptions { ApplicationId = topics.ApplicationId, BootstrapServers = cluster.BootstrapServers },
            topics,
            registry,
            writer: new ExposureWriterOptions { MaxBatch = 16 });
        var queued = Enumerable.Range(0, 300).Select(i => new Exposure(
            RequestIds.New(inExperiment: i % 3 != 0), $"user-{i % 17}", i % 3 == 0 ? null : "exp", (i % 3) switch { 0 => null, 1 => "control", _ => "treatment" },
            null, "recostreams-hybrid-v1", [new ServedItem($"item-{i}", 1), new ServedItem("item-x", 2)], 1_000 + i)).ToList();

        foreach (var exposure in queued)
        {
            events.QueueExposure(exposure);
        }

        await events.DisposeAsync();

        var served = ReadAll(cluster.BootstrapServers, new ConfluentAvroDeserializer<RecommendationServed>(RecommendationServedContract.Instance, registry));
        Assert.Equal(
            queued.Select(e => (e.RequestId, e.UserId, e.Variant, e.Items[0].ItemId, Marked: e.ExperimentId is null)).Order(),
            served.Select(s => (s.Served.RequestId.ToString("D"), s.Served.UserId, s.Served.Variant, s.Served.Items[0].ItemId, s.Marked)).Order());
        Assert.Equal(100, served.Count(s => s.Marked));
        Assert.All(served, s => Assert.Equal(0, s.Headers));
        Assert.Equal(0, events.ExposuresLost);
        Assert.Equal(0, events.ExposuresDropped);
    }

    [Fact]
    public async Task The_kafka_sink_writes_a_single_exposure_at_once_only_after_a_batch_has_looked_its_schema_id_up()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic(RecoTopics.RecommendationServed, 2);
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), TestContext.Current.CancellationToken);
        var first = new Exposure(RequestIds.New(inExperiment: true), "ann", "exp", "control", null, "recostreams-hybrid-v1", [new ServedItem("item-1", 1)], 1);
        var second = first with { RequestId = RequestIds.New(inExperiment: false), UserId = "bob", ExperimentId = null, Variant = null };
        using (var sink = new KafkaExposureSink(new StreamsOptions { ApplicationId = "exposure-test", BootstrapServers = cluster.BootstrapServers }, registry))
        {
            Assert.False(sink.TryWrite(second));
            await sink.WriteAsync([first], TestContext.Current.CancellationToken);
            Assert.True(sink.TryWrite(second));
            Assert.Equal(0, sink.Flush(TimeSpan.FromSeconds(10)));
            Assert.Equal(0, sink.Lost);
        }

        var served = ReadAll(cluster.BootstrapServers, new ConfluentAvroDeserializer<RecommendationServed>(RecommendationServedContract.Instance, registry));
        Assert.Equal([(first.RequestId, "ann", false), (second.RequestId, "bob", true)], served.Select(s => (s.Served.RequestId.ToString("D"), s.Served.UserId, s.Marked)).OrderBy(s => s.Item2));
    }

    [Fact]
    public async Task The_exposure_producer_holds_exposures_for_the_configured_linger_and_a_flush_sends_them_at_once()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic(RecoTopics.RecommendationServed, 2);
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), TestContext.Current.CancellationToken);
        var streams = new StreamsOptions { ApplicationId = "exposure-test", BootstrapServers = cluster.BootstrapServers };
        var exposure = new Exposure(RequestIds.New(inExperiment: true), "ann", "exp", "control", null, "recostreams-hybrid-v1", [new ServedItem("item-1", 1)], 1);
        var deserializer = new ConfluentAvroDeserializer<RecommendationServed>(RecommendationServedContract.Instance, registry);

        using (var lingering = new KafkaExposureSink(streams, registry, linger: ExposureWriterOptions.MaxLinger))
        {
            await lingering.WriteAsync([exposure], TestContext.Current.CancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
            Assert.Empty(ReadAll(cluster.BootstrapServers, deserializer));

            Assert.Equal(0, lingering.Flush(TimeSpan.FromSeconds(10)));
            Assert.Equal([exposure.RequestId], ReadAll(cluster.BootstrapServers, deserializer).Select(s => s.Served.RequestId.ToString("D")));
        }

        // No linger: on the topic without a flush.
        using var eager = new KafkaExposureSink(streams, registry, linger: TimeSpan.Zero);
        var next = exposure with { RequestId = RequestIds.New(inExperiment: true) };
        await eager.WriteAsync([next], TestContext.Current.CancellationToken);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (ReadAll(cluster.BootstrapServers, deserializer).Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Contains(next.RequestId, ReadAll(cluster.BootstrapServers, deserializer).Select(s => s.Served.RequestId.ToString("D")));
    }

    [Fact]
    public async Task With_exposures_off_nothing_is_queued_or_counted()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic(RecoTopics.RecommendationServed, 1);
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), TestContext.Current.CancellationToken);
        var topics = new RecoTopics("exposure-test");
        var events = new KafkaExperimentEvents(
            new StreamsOptions { ApplicationId = topics.ApplicationId, BootstrapServers = cluster.BootstrapServers }, topics, registry, logExposures: false);

        events.QueueExposure(new Exposure(Guid.CreateVersion7().ToString("D"), "ann", null, null, null, "recostreams-hybrid-v1", [], 1));
        await events.DisposeAsync();

        Assert.Empty(ReadAll(cluster.BootstrapServers, new ConfluentAvroDeserializer<RecommendationServed>(RecommendationServedContract.Instance, registry)));
        Assert.Equal(0, events.ExposuresDropped);
    }

    /// <summary>
    /// Every record of recommendation-served, whether attribution's source would pass it over as outside any experiment
    /// (by its raw value), and how many headers it carries.
    /// </summary>
    private static List<(RecommendationServed Served, bool Marked, int Headers)> ReadAll(string bootstrap, ConfluentAvroDeserializer<RecommendationServed> deserializer)
    {
        return [.. TopicToEnd.ReadAll(bootstrap, RecoTopics.RecommendationServed).Select(r =>
            (deserializer.Deserialize(r.Message.Value!), ServedRecords.IsOutsideExperiments(r.Message.Value!), r.Message.Headers?.Count ?? 0))];
    }
}
