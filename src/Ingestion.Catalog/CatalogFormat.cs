namespace RecoStreams.Ingestion.Catalog;

/// <summary>The file layouts `catalog load` reads.</summary>
public enum CatalogFormat
{
    /// <summary>MovieLens movies.csv: movieId,title,genres ('|'-separated).</summary>
    MovieLens,

    /// <summary>goodbooks-10k books.csv, optionally with book_tags.csv + tags.csv as genres.</summary>
    Goodbooks,

    /// <summary>One CatalogItem JSON object per line, in the contract's snake_case field names.</summary>
    Jsonl,
}
