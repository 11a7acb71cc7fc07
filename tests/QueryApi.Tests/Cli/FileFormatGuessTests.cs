using RecoStreams.Ingestion.Catalog;
using RecoStreams.Ingestion.Events;
using RecoStreams.QueryApi.Cli;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Cli;

public sealed class FileFormatGuessTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("format-guess-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("userId,movieId,rating,timestamp", EventFormat.MovieLens)]
    [InlineData("user_id,book_id,rating", EventFormat.Goodbooks)]
    [InlineData("""{"event_id":"x"}""", EventFormat.Jsonl)]
    public void The_events_format_is_guessed_from_the_first_line(string header, EventFormat expected) =>
        Assert.Equal(expected, FileFormatGuess.Events(Write("f", header, "")));

    [Theory]
    [InlineData("movieId,title,genres", CatalogFormat.MovieLens)]
    [InlineData("book_id,goodreads_book_id,authors,title,language_code", CatalogFormat.Goodbooks)]
    [InlineData("""{"item_id":"x"}""", CatalogFormat.Jsonl)]
    public void The_catalog_format_is_guessed_from_the_first_line(string header, CatalogFormat expected) =>
        Assert.Equal(expected, FileFormatGuess.Catalog(Write("f", header, "")));

    [Fact]
    public void An_unknown_header_is_refused_with_the_layouts_it_could_have_been()
    {
        var e = Assert.Throws<FormatException>(() => FileFormatGuess.Events(Write("f", "a,b,c")));
        Assert.Contains("--format", e.Message, StringComparison.Ordinal);
        Assert.Contains("userId,movieId,rating,timestamp", e.Message, StringComparison.Ordinal);
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
