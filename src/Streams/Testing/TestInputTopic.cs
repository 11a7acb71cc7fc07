using RecoStreams.Streams.Serialization;

namespace RecoStreams.Streams.Testing;

/// <summary>Pipes typed records into a topic of the <see cref="TopologyTestDriver"/>; each pipe is processed at once.</summary>
public sealed class TestInputTopic<TKey, TValue>
{
    private readonly TopologyTestDriver _driver;
    private readonly ISerde<TKey> _keySerde;
    private readonly ISerde<TValue> _valueSerde;

    internal TestInputTopic(TopologyTestDriver driver, string topic, ISerde<TKey> keySerde, ISerde<TValue> valueSerde)
    {
        _driver = driver;
        Topic = topic;
        _keySerde = keySerde;
        _valueSerde = valueSerde;
    }

    public string Topic { get; }

    /// <param name="timestamp">Record time in ms; defaults to the driver's wall clock.</param>
    public void PipeInput(TKey key, TValue value, long? timestamp = null, RecordHeaders? headers = null) =>
        _driver.PipeRaw(
            Topic,
            key is null ? null : _keySerde.Serialize(key, new SerdeContext(Topic, IsKey: true, headers)),
            value is null ? null : _valueSerde.Serialize(value, new SerdeContext(Topic, IsKey: false, headers)),
            timestamp,
            headers);

    /// <summary>Pipes a record with a null key.</summary>
    public void PipeInput(TValue value, long? timestamp = null) => PipeInput(default!, value, timestamp);

    /// <summary>Pipes raw bytes, e.g. to test how the topology handles data its serdes reject.</summary>
    public void PipeRawInput(byte[]? key, byte[]? value, long? timestamp = null, RecordHeaders? headers = null) =>
        _driver.PipeRaw(Topic, key, value, timestamp, headers);

    public void PipeKeyValueList(IEnumerable<KeyValuePair<TKey, TValue>> records, long? timestamp = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var (key, value) in records)
        {
            PipeInput(key, value, timestamp);
        }
    }
}
