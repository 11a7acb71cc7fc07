using RecoStreams.Streams.Serialization;

namespace RecoStreams.Streams.Testing;

/// <summary>Reads, in order, the records the topology wrote to one topic of the <see cref="TopologyTestDriver"/>.</summary>
public sealed class TestOutputTopic<TKey, TValue>
{
    private readonly TopologyTestDriver _driver;
    private readonly ISerde<TKey> _keySerde;
    private readonly ISerde<TValue> _valueSerde;

    internal TestOutputTopic(TopologyTestDriver driver, string topic, ISerde<TKey> keySerde, ISerde<TValue> valueSerde)
    {
        _driver = driver;
        Topic = topic;
        _keySerde = keySerde;
        _valueSerde = valueSerde;
    }

    public string Topic { get; }

    public bool IsEmpty => QueueSize == 0;

    public int QueueSize => _driver.UnreadCount(Topic);

    /// <summary>The next record; throws when none is left. A null key or value (tombstone) reads as default.</summary>
    public TestRecord<TKey, TValue> ReadRecord()
    {
        var raw = _driver.ReadNext(Topic)
            ?? throw new InvalidOperationException($"No more records in output topic '{Topic}'.");
        var headers = raw.Headers ?? new RecordHeaders();
        return new TestRecord<TKey, TValue>(
            raw.Key is null ? default! : _keySerde.Deserialize(raw.Key, new SerdeContext(Topic, IsKey: true, headers)),
            raw.Value is null ? default! : _valueSerde.Deserialize(raw.Value, new SerdeContext(Topic, IsKey: false, headers)),
            raw.Timestamp,
            headers,
            raw.Partition);
    }

    public KeyValuePair<TKey, TValue> ReadKeyValue()
    {
        var record = ReadRecord();
        return new(record.Key, record.Value);
    }

    public TValue ReadValue() => ReadRecord().Value;

    public List<TestRecord<TKey, TValue>> ReadRecordsToList()
    {
        var records = new List<TestRecord<TKey, TValue>>();
        while (!IsEmpty)
        {
            records.Add(ReadRecord());
        }

        return records;
    }

    public List<KeyValuePair<TKey, TValue>> ReadKeyValuesToList() =>
        ReadRecordsToList().Select(r => new KeyValuePair<TKey, TValue>(r.Key, r.Value)).ToList();

}
