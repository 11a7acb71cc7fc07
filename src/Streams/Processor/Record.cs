namespace RecoStreams.Streams.Processor;

/// <summary>
/// A record flowing through a topology: key, value, timestamp (ms since epoch) and headers.
/// A null value is a tombstone (delete) for tables and stores.
/// </summary>
public readonly record struct Record<TKey, TValue>(TKey Key, TValue Value, long Timestamp, RecordHeaders? Headers = null)
{
    public Record<TNewKey, TValue> WithKey<TNewKey>(TNewKey key) => new(key, Value, Timestamp, Headers);

    public Record<TKey, TNewValue> WithValue<TNewValue>(TNewValue value) => new(Key, value, Timestamp, Headers);

    public Record<TKey, TValue> WithTimestamp(long timestamp) => this with { Timestamp = timestamp };

    public Record<TKey, TValue> WithHeaders(RecordHeaders? headers) => this with { Headers = headers };
}
