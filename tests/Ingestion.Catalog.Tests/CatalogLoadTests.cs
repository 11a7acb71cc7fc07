using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry.Embedded;
using RecoStreams.Streams.Kafka.Mock;
using RecoStreams.Topology;

using Xunit;

namespace RecoStreams.Ingestion.Catalog.Tests;

public sealed class CatalogLoadTests : IDisposable
{
    private static readonly DateTimeOffset LoadTime = new(2026, 11, 22, 8, 0, 0, 123, TimeSpan.Zero);

    private readonly MockCluster _cluster = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("catalog-load-").FullName;

    public CatalogLoadTests() => _cluster.CreateTopic(RecoTopics.CatalogItems, 3);

    public void Dispose()
    {
        _cluster.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Refuses_a_file_with_a_bad_line_reports_its_line_and_publishes_nothing()
    {
        var path = Write("movies.csv",
            "movieId,title,genres",
            "1,Toy Story (1995),Adventure|Animation",
            "2,Jumanji (1995),Adventure||Fantasy",
            "3,,Comedy",
            "4,Heat (1995),Action|Crime");
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), TestContext.Current.CancellationToken);
        using var publisher = await CatalogPublisher.CreateAsync(_cluster.BootstrapServers, registry, cancellationToken: TestContext.Current.CancellationToken);
        var request = new CatalogLoadRequest(path, CatalogFormat.MovieLens, null, null, SkipInvalid: false);

        var report = request.Run(publisher, new FixedTimeProvider(LoadTime));
        var errors = new StringWriter();
        var exitCode = CatalogLoadOutcome.Report(report, request, TextWriter.Null, errors);

        Assert.Equal(CatalogLoadOutcome.InvalidRecords, exitCode);
        Assert.Equal([3L, 4L], report.Invalid.Select(l => l.Location));
        Assert.Contains($"{path}:3: genres has an empty entry", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains($"{path}:4: title is empty", errors.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, report.Published);
        Assert.Empty(CatalogTopic.ReadAll(_cluster.BootstrapServers, RecoTopics.CatalogItems, registry));
    }

    [Fact]
    public async Task Publishes_every_item_of_a_valid_jsonl_file_keyed_by_id_and_decodes_back_equal()
    {
        var items = Enumerable.Range(1, 40).Select(i => new CatalogItem
        {
            ItemId = $"item-{i}",
            Title = $"Title \"{i}\", with comma",
            Genres = i % 3 == 0 ? [] : ["Drama", $"g{i % 4}"],
            Creators = ["A. Author"],
            Language = i % 2 == 0 ? "en" : null,
            Tags = ["t"],
            DurationSeconds = i * 60.5,
            Available = i % 5 != 0,
            PublishedAt = i % 2 == 0 ? LoadTime.AddDays(-i) : null,
            UpdatedAt = LoadTime.AddSeconds(i),
            Attributes = new Dictionary<string, string> { ["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        }).ToList();
        var path = Write("items.jsonl", [.. items.Select(ToJson)]);
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), TestContext.Current.CancellationToken);
        using var publisher = await CatalogPublisher.CreateAsync(_cluster.BootstrapServers, registry, cancellationToken: TestContext.Current.CancellationToken);

        var report = new CatalogLoadRequest(path, CatalogFormat.Jsonl, null, null, SkipInvalid: false).Run(publisher);

        Assert.Empty(report.Invalid);
        Assert.Equal(40, report.Published);
        var onTopic = CatalogTopic.ReadAll(_cluster.BootstrapServers, RecoTopics.CatalogItems, registry).ToDictionary(r => r.Key);
        Assert.Equal(40, onTopic.Count);
        Assert.True(onTopic.Values.Select(r => r.Partition).Distinct().Count() > 1, "murmur2 should spread 40 keys over 3 partitions");
        foreach (var item in items)
        {
            CatalogTopic.AssertSame(item, onTopic[item.ItemId].Value);
        }
    }

    [Fact]
    public async Task Skip_invalid_publishes_the_valid_items_and_still_reports_the_bad_ones()
    {
        var path = Write("items.jsonl",
            """{"item_id":"a","title":"A","updated_at":"2026-11-22T08:00:00Z"}""",
            """{"item_id":"b","title":"B"}""",
            "not json",
            """{"item_id":"c","title":"C","duration_seconds":-1,"updated_at":"2026-11-22T08:00:00Z"}""",
            """{"item_id":"a","title":"A again","updated_at":"2026-11-22T08:00:00Z"}""");
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), TestContext.Current.CancellationToken);
        using var publisher = await CatalogPublisher.CreateAsync(_cluster.BootstrapServers, registry, cancellationToken: TestContext.Current.CancellationToken);
        var request = new CatalogLoadRequest(path, CatalogFormat.Jsonl, null, null, SkipInvalid: true);

        var report = request.Run(publisher);

        Assert.Equal(0, CatalogLoadOutcome.Report(report, request, TextWriter.Null, TextWriter.Null));
        Assert.Equal([2L, 3L, 4L, 5L], report.Invalid.Select(l => l.Location));
        Assert.Contains("missing updated_at", report.Invalid[0].Error, StringComparison.Ordinal);
        Assert.Contains("repeats line 1", report.Invalid[3].Error, StringComparison.Ordinal);
        Assert.Equal(["a"], CatalogTopic.ReadAll(_cluster.BootstrapServers, RecoTopics.CatalogItems, registry).Select(r => r.Key));
    }

    [Fact]
    public async Task Loads_the_real_MovieLens_movies_file_with_every_movie_on_the_topic()
    {
        var path = SharedCatalogData.Require("movielens-latest-small", "movies.csv");
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), TestContext.Current.CancellationToken);
        using var publisher = await CatalogPublisher.CreateAsync(_cluster.BootstrapServers, registry, cancellationToken: TestContext.Current.CancellationToken);

        var report = new CatalogLoadRequest(path, CatalogFormat.MovieLens, null, null, SkipInvalid: false).Run(publisher);

        Assert.Empty(report.Invalid);
        Assert.Equal(File.ReadLines(path).Count(l => l.Length > 0) - 1, report.Published);
        var toyStory = CatalogTopic.ReadAll(_cluster.BootstrapServers, RecoTopics.CatalogItems, registry).Single(r => r.Key == "1").Value;
        Assert.NotNull(toyStory);
        Assert.Equal("Toy Story (1995)", toyStory.Title);
        Assert.Equal(["Adventure", "Animation", "Children", "Comedy", "Fantasy"], toyStory.Genres);
        Assert.Equal("1995", toyStory.Attributes["year"]);
    }

    [Fact]
    public async Task Loads_the_real_goodbooks_sample_with_authors_as_creators_and_shelves_as_genres()
    {
        var books = SharedCatalogData.Require("goodbooks-10k", "samples", "books.csv");
        var bookTags = SharedCatalogData.Require("goodbooks-10k", "samples", "book_tags.csv");
        var tagNames = SharedCatalogData.Require("goodbooks-10k", "samples", "tags.csv");
        var registry = await EmbeddedSchemaRegistry.OpenAsync(new InMemorySchemaStore(), TestContext.Current.CancellationToken);
        using var publisher = await CatalogPublisher.CreateAsync(_cluster.BootstrapServers, registry, cancellationToken: TestContext.Current.CancellationToken);

        var report = new CatalogLoadRequest(books, CatalogFormat.Goodbooks, bookTags, tagNames, SkipInvalid: false).Run(publisher);

        Assert.Empty(report.Invalid);
        Assert.True(report.Published > 0);
        var harryPotter = CatalogTopic.ReadAll(_cluster.BootstrapServers, RecoTopics.CatalogItems, registry).Single(r => r.Key == "2").Value;
        Assert.NotNull(harryPotter);
        Assert.Equal(["J.K. Rowling", "Mary GrandPré"], harryPotter.Creators);
        Assert.Equal("eng", harryPotter.Language);
        Assert.Equal("1997", harryPotter.Attributes["year"]);
        Assert.DoesNotContain("to-read", harryPotter.Genres);
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static string ToJson(CatalogItem item) => System.Text.Json.JsonSerializer.Serialize(new
    {
        item_id = item.ItemId,
        title = item.Title,
        genres = item.Genres,
        creators = item.Creators,
        language = item.Language,
        tags = item.Tags,
        duration_seconds = item.DurationSeconds,
        available = item.Available,
        published_at = item.PublishedAt,
        updated_at = item.UpdatedAt,
        attributes = item.Attributes,
    });
}
