using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Evaluation;

namespace RecoStreams.Processors.Tests.Evaluation;

public sealed class DatasetReadersTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("reco-datasets-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Csv_split_handles_quoted_commas_and_escaped_quotes()
    {
        Assert.Equal(["11", "American President, The (1995)", "Comedy|Drama"], CsvLine.Split("11,\"American President, The (1995)\",Comedy|Drama"));
        Assert.Equal(["a \"b\"", ""], CsvLine.Split("\"a \"\"b\"\"\","));
    }

    [Fact]
    public void Reads_MovieLens_movies_with_pipe_genres_and_no_genre_marker()
    {
        var path = NewFile();
        File.WriteAllLines(path, ["movieId,title,genres", "1,Toy Story (1995),Adventure|Animation", "2,\"Odd, The\",(no genres listed)"]);
        var movies = DatasetReaders.ReadMovieLensMovies(path);

        Assert.Equal(["Adventure", "Animation"], movies[0].Genres);
        Assert.Equal("Odd, The", movies[1].Title);
        Assert.Empty(movies[1].Genres);
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
        var path = NewFile();
        File.WriteAllLines(path, ["userId,movieId,rating,timestamp", "1,31,2.5,1260759144"]);
        var e = Assert.Single(DatasetReaders.ReadMovieLensRatings(path));

        Assert.Equal(("1", "31", 2.5), (e.UserId, e.ItemId, e.Rating!.Value));
        Assert.Equal(1260759144000, e.OccurredAtMs);
    }

    [Fact]
    public void Reads_goodbooks_authors_as_creators()
    {
        var path = NewFile();
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

    [Fact]
    public void Catalog_layout_is_told_apart_by_its_header()
    {
        var books = NewFile();
        var movies = NewFile();
        File.WriteAllLines(books, ["book_id,authors,title,language_code", "7,Ann Leckie,Ancillary Justice,eng"]);
        File.WriteAllLines(movies, ["movieId,title,genres", "1,Heat (1995),Action|Crime"]);

        var book = Assert.Single(DatasetReaders.ReadCatalog(books));
        var movie = Assert.Single(DatasetReaders.ReadCatalog(movies));

        Assert.Equal(["Ann Leckie"], book.Creators);
        Assert.Equal(["Action", "Crime"], movie.Genres);
    }

    [Fact]
    public void Ratings_read_alike_from_every_MovieLens_layout()
    {
        string[] csv = ["userId,movieId,rating,timestamp", "1,31,2.5,1260759144", "7,1029,4,881250949", ""];
        string[] dat = ["1::31::2.5::1260759144", "7::1029::4::881250949"];
        string[] tab = ["1\t31\t2.5\t1260759144", "7\t1029\t4\t881250949"];

        var fromCsv = ReadRatings(csv);

        Assert.Equal(2, fromCsv.Count);
        Assert.Equal(fromCsv, ReadRatings(dat));
        Assert.Equal(fromCsv, ReadRatings(tab));
    }

    [Fact]
    public void Ratings_in_any_layout_round_trip_every_field()
    {
        var rows = Gen.ListOf(
            from user in Gen.Choose(1, 300_000)
            from item in Gen.Choose(1, 300_000)
            from halfStars in Gen.Choose(1, 10)
            from seconds in Gen.Choose(0, int.MaxValue)
            select (User: user, Item: item, Rating: halfStars / 2.0, Seconds: (long)seconds));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), Prop.ForAll(rows.ToArbitrary(), generated =>
        {
            var expected = generated.Select(r => (r.User.ToString(CultureInfo.InvariantCulture), r.Item.ToString(CultureInfo.InvariantCulture), r.Rating, r.Seconds * 1000)).ToList();
            foreach (var separator in new[] { ",", "::", "\t" })
            {
                var lines = generated.Select(r => string.Join(separator, r.User, r.Item, r.Rating.ToString(CultureInfo.InvariantCulture), r.Seconds));
                var header = separator == "," ? new[] { "userId,movieId,rating,timestamp" } : [];
                var read = ReadRatings([.. header, .. lines]);
                Assert.Equal(expected, read.Select(e => (e.UserId, e.ItemId, e.Rating!.Value, e.OccurredAtMs)).ToList());
            }
        }));
    }

    [Fact]
    public void Reads_ml_1m_movies_dat_in_latin1()
    {
        var path = NewFile();
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes("1::Toy Story (1995)::Animation|Children's|Comedy\n2::Cité des enfants perdus, La (1995)::Adventure|Sci-Fi\n"));

        var movies = DatasetReaders.ReadCatalog(path);

        Assert.Equal(["1", "2"], movies.Select(m => m.ItemId));
        Assert.Equal("Cité des enfants perdus, La (1995)", movies[1].Title);
        Assert.Equal(["Animation", "Children's", "Comedy"], movies[0].Genres);
        Assert.Equal(["decade:1990s"], movies[1].Tags);
    }

    [Fact]
    public void Reads_ml_100k_u_item_genre_flags_with_unknown_as_none()
    {
        var path = NewFile();
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes(string.Join("\n",
            "1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0",
            "267|unknown||||1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0",
            "1300|'Til There Was You (1997)|01-Jan-1997||http://us.imdb.com|0|0|0|0|0|0|0|0|1|0|0|0|0|0|1|0|0|0|0")));

        var movies = DatasetReaders.ReadCatalog(path);

        Assert.Equal(["Animation", "Children's", "Comedy"], movies[0].Genres);
        Assert.Empty(movies[1].Genres);
        Assert.Equal(["Drama", "Romance"], movies[2].Genres);
        Assert.Equal(["decade:1990s"], movies[2].Tags);
    }

    [Fact]
    public void A_u_item_row_without_its_genre_flags_is_refused_with_its_line()
    {
        var path = NewFile();
        File.WriteAllLines(path, ["1|Toy Story (1995)|01-Jan-1995||http://x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0", "2|GoldenEye (1995)|01-Jan-1995"]);

        var error = Assert.Throws<FormatException>(() => DatasetReaders.ReadCatalog(path));

        Assert.Contains(":2 has 3 fields, expected at least 24", error.Message);
    }

    private List<EngagementEvent> ReadRatings(string[] lines)
    {
        var path = NewFile();
        File.WriteAllLines(path, lines);
        return DatasetReaders.ReadMovieLensRatings(path);
    }

    private string NewFile() => Path.Combine(_folder, Guid.NewGuid().ToString("N"));
}
