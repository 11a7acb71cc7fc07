namespace RecoStreams.Streams.Processor;

/// <summary>
/// Ordered record headers (a key may repeat, as in Kafka). Our own type so that processors do not
/// depend on the Kafka client's types.
/// </summary>
public sealed class RecordHeaders : IEnumerable<KeyValuePair<string, byte[]>>
{
    private readonly List<KeyValuePair<string, byte[]>> _headers = [];

    public int Count => _headers.Count;

    public RecordHeaders Add(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        _headers.Add(new(key, value));
        return this;
    }

    public RecordHeaders Add(string key, string value) => Add(key, System.Text.Encoding.UTF8.GetBytes(value));

    /// <summary>The last value for <paramref name="key"/>, as Kafka's <c>lastHeader</c>.</summary>
    public byte[]? LastValue(string key)
    {
        for (var i = _headers.Count - 1; i >= 0; i--)
        {
            if (_headers[i].Key == key)
            {
                return _headers[i].Value;
            }
        }

        return null;
    }

    public string? LastString(string key) => LastValue(key) is { } v ? System.Text.Encoding.UTF8.GetString(v) : null;

    public RecordHeaders Copy()
    {
        var copy = new RecordHeaders();
        copy._headers.AddRange(_headers);
        return copy;
    }

    public IEnumerator<KeyValuePair<string, byte[]>> GetEnumerator() => _headers.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
