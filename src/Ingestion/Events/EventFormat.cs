namespace RecoStreams.Ingestion.Events;

/// <summary>The file layouts `events load` reads.</summary>
public enum EventFormat
{
    /// <summary>MovieLens ratings.csv: userId,movieId,rating,timestamp (Unix seconds).</summary>
    MovieLens,

    /// <summary>goodbooks-10k ratings.csv: user_id,book_id,rating (no time: events are stamped at load time).</summary>
    Goodbooks,

    /// <summary>One event object per line, as POST /events takes it.</summary>
    Jsonl,
}
