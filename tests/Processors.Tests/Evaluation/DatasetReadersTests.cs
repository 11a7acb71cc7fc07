using RecoStreams.Processors.Evaluation;

namespace RecoStreams.Processors.Tests.Evaluation;

public sealed class DatasetReadersTests
{
    [Fact]
    public void Csv_split_handles_quoted_commas_and_escaped_quotes()
    {
        Assert.Equal(["11", "American President, The (1995)", "Comedy|Drama"], CsvLine.Split("11,\"American President, The (1995)\",Comedy|Drama"));
        Assert.Equal(["a \"b\"", ""], CsvLine.Split("\"a \"\"b\"\"\","));
    }

    [Fact]
    public void Reads_MovieLens_movies_with_pipe_genres_and_no_genre_marker()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["movieId,title,genres", "1,Toy Story (1995),Adventure|Animation", "2,\"Odd, The\",(no genres listed)"]);
            var movies = DatasetReaders.ReadMovieLensMovies(path);

            Assert.Equal(["Adventure", "Animation"], movies[0].Genres);
            Assert.Equal("Odd, The", movies[1].Title);
            Assert.Empty(movies[1].Genres);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("Heat (1995)", "decade:1990s")]
    [InlineData("City of Lost Children, The (Cité des enfants perdus, La) (1995)", "decade:1990s")]
    [InlineData("Babylon 5", null)]
    public void Release_year_in_a_title_becomes_a_decade_tag(string title, string? expected) =>
        Assert.Equal(expected is null ? [] : [expected], DatasetReaders.ReleaseTags(title));

    [Fact]
    public void Reads_MovieLens_ratings_as_rating_events_with_second_timestamps()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["userId,movieId,rating,timestamp", "1,31,2.5,1260759144"]);
            var e = Assert.Single(DatasetReaders.ReadMovieLensRatings(path));

            Assert.Equal(("1", "31", 2.5), (e.UserId, e.ItemId, e.Rating!.Value));
            Assert.Equal(1260759144000, e.OccurredAtMs);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Reads_goodbooks_authors_as_creators()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path,
            [
                "book_id,goodreads_book_id,authors,title,language_code",
                "2,3,\"J.K. Rowling, Mary GrandPré\",\"Harry Potter (Harry Potter, #1)\",eng",
            ]);
            var book = Assert.Single(DatasetReaders.ReadGoodbooks(path));

            Assert.Equal(["J.K. Rowling", "Mary GrandPré"], book.Creators);
            Assert.Equal("Harry Potter (Harry Potter, #1)", book.Title);
            Assert.Equal("eng", book.Language);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Catalog_layout_is_told_apart_by_its_header()
    {
        var books = Path.GetTempFileName();
        var movies = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(books, ["book_id,authors,title,language_code", "7,Ann Leckie,Ancillary Justice,eng"]);
            File.WriteAllLines(movies, ["movieId,title,genres", "1,Heat (1995),Action|Crime"]);

            var book = Assert.Single(DatasetReaders.ReadCatalog(books));
            var movie = Assert.Single(DatasetReaders.ReadCatalog(movies));

            Assert.Equal(["Ann Leckie"], book.Creators);
            Assert.Equal(["Action", "Crime"], movie.Genres);
        }
        finally
        {
            File.Delete(books);
            File.Delete(movies);
        }
    }
}
