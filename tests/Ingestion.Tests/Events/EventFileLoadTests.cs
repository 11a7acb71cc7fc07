using System.Text;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Ingestion.Events;
using RecoStreams.Processors.Domain;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Streams.Partitioning;
using RecoStreams.Streams.Serialization;
using RecoStreams.Tests.Shared;
using RecoStreams.Topology;
using RecoStreams.Topology.Wire;
using Xunit;

namespace RecoStreams.Ingestion.Tests.Events;

public sealed class EventFileLoadTests : IDisposable
{
    private static readonly DateTimeOffset LoadTime = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("events-load-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void MovieLens_ratings_become_rating_events_with_their_times_and_ids_that_repeat_for_the_same_row()
    {
        var path = Write("ratings.csv", "userId,movieId,rating,timestamp", "1,31,2.5,1260759144", "1,1029,3.0,1260759179");

        var first = EventFileReader.Read(EventFormat.MovieLens, path, LoadTime).ToList();
        var again = EventFileReader.Read(EventFormat.MovieLens, path, LoadTime).ToList();

        Assert.All(first, l => Assert.Null(l.Error));
        var e = first[0].Event!;
        Assert.Equal(("1", "31", EventType.Rating, 2.5), (e.UserId, e.ItemId, e.Type, e.Rating));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1260759144), e.OccurredAt);
        Assert.Equal(first.Select(l => l.Event!.EventId), again.Select(l => l.Event!.EventId));
        Assert.NotEqual(first[0].Event!.EventId, first[1].Event!.EventId);
        Assert.True(Guid.TryParseExact(e.EventId, "D", out _));
    }

    [Fact]
    public void Goodbooks_ratings_are_stamped_at_load_time_and_bad_lines_are_reported_by_line_number()
    {
        var path = Write("ratings.csv", "user_id,book_id,rating", "1,258,5", "2,4081,9", "3,,4", "4,1,four");

        var lines = EventFileReader.Read(EventFormat.Goodbooks, path, LoadTime).ToList();

        Assert.Equal(LoadTime, lines[0].Event!.OccurredAt);
        Assert.Equal([3L, 4L, 5L], lines.Where(l => l.Error is not null).Select(l => l.Line));
        Assert.Contains("rating", lines[1].Error!, StringComparison.Ordinal);
        Assert.Contains("item_id", lines[2].Error!, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_lines_name_the_bad_field_and_never_a_dotnet_type()
    {
        var path = Write(
            "events.jsonl",
            """{"event_id":"0b0e8c8e-4b8a-4f55-9a52-2f6f4f0c1a11","user_id":"u1","item_id":"i1","event_type":"like","occurred_at":"2026-11-22T07:00:00Z"}""",
            """{"event_id":"0b0e8c8e-4b8a-4f55-9a52-2f6f4f0c1a12","user_id":"u1","item_id":"i1","event_type":"like","occurred_at":"yesterday"}""",
            """{"event_id":"0b0e8c8e-4b8a-4f55-9a52-2f6f4f0c1a13","user_id":"u1","item_id":["i1"],"event_type":"like"}""");

        var lines = EventFileReader.Read(EventFormat.Jsonl, path, LoadTime).ToList();

        Assert.Equal(EventType.Like, lines[0].Event!.Type);
        Assert.Contains("occurred_at", lines[1].Error!, StringComparison.Ordinal);
        Assert.Contains("$.item_id", lines[2].Error!, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", lines[2].Error!, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_scale_shrinks_the_span_keeps_the_order_and_ends_now()
    {
        var start = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var events = new[] { 1000, 0, 500 }
            .Select(days => new EngagementEvent(Guid.NewGuid().ToString(), "u", "i", EventType.View, start.AddDays(days)))
            .ToList();

        var timeline = EventReplay.Timeline(events, timeScale: 100, LoadTime);

        Assert.Equal([LoadTime.AddDays(-10), LoadTime.AddDays(-5), LoadTime], timeline.Select(e => e.OccurredAt));
        Assert.Equal([start, start.AddDays(500), start.AddDays(1000)], EventReplay.Timeline(events, null, LoadTime).Select(e => e.OccurredAt));
    }

    [Fact]
    public async Task A_loaded_file_lands_keyed_by_user_on_the_murmur2_partition_and_decodes_with_the_topology_serde()
    {
        using var cluster = new MockCluster();
        cluster.CreateTopic(RecoTopics.EngagementEvents, 4);
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), TestContext.Current.CancellationToken);
        var path = Write("ratings.csv", ["userId,movieId,rating,timestamp", .. Enumerable.Range(1, 30).Select(i => $"{i % 7},{i},4.0,{1260759144 + i}")]);
        var file = new EventsLoadRequest(path, EventFormat.MovieLens, SkipInvalid: false, TimeScale: null, Rate: null).Read(LoadTime);

        using (var publisher = await EventPublisher.CreateAsync(cluster.BootstrapServers, registry, TestContext.Current.CancellationToken))
        {
            await EventReplay.RunAsync(file.Events, publisher.Publish, ratePerSecond: null, new Progress<long>(), TestContext.Current.CancellationToken);
            publisher.Flush(TimeSpan.FromSeconds(30));
            Assert.Equal(30, publisher.Delivered);
        }

        var serde = InputSerdes.EngagementEvents(registry);
        var records = TopicToEnd.ReadAll(cluster.BootstrapServers, RecoTopics.EngagementEvents);
        Assert.Equal(30, records.Count);
        Assert.All(records, r =>
        {
            var e = serde.Deserialize(r.Message.Value!, new SerdeContext(RecoTopics.EngagementEvents, IsKey: false));
            Assert.Equal(e.UserId, Encoding.UTF8.GetString(r.Message.Key!));
            Assert.Equal(Murmur2Partitioner.Partition(Encoding.UTF8.GetBytes(e.UserId), 4), r.Partition.Value);
        });
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
