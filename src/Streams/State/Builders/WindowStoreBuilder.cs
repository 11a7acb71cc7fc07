using System.Globalization;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State.Internals;

namespace RecoStreams.Streams.State.Builders;

/// <summary>
/// Builds typed window stores: serdes -> (changelog) -> byte store. The changelog is compact,delete and
/// keeps records for the store retention plus one day (Kafka Streams' additional changelog retention),
/// so restoration never misses a live window. With caching, writes wait in the record cache until the commit.
/// </summary>
public sealed class WindowStoreBuilder<TKey, TValue> : IStoreBuilder<IWindowStore<TKey, TValue>>
{
    private static readonly long AdditionalChangelogRetentionMs = (long)TimeSpan.FromDays(1).TotalMilliseconds;

    private readonly IWindowBytesStoreSupplier _supplier;
    private readonly ISerde<TKey> _keySerde;
    private readonly ISerde<TValue> _valueSerde;
    private Dictionary<string, string> _extraLogConfig = [];

    public WindowStoreBuilder(IWindowBytesStoreSupplier supplier, ISerde<TKey> keySerde, ISerde<TValue> valueSerde)
    {
        _supplier = supplier ?? throw new ArgumentNullException(nameof(supplier));
        _keySerde = keySerde ?? throw new ArgumentNullException(nameof(keySerde));
        _valueSerde = valueSerde ?? throw new ArgumentNullException(nameof(valueSerde));
    }

    public string Name => _supplier.Name;

    public bool LoggingEnabled { get; private set; } = true;

    public bool CachingEnabled { get; private set; }

    public IReadOnlyDictionary<string, string> ChangelogConfig =>
        LoggingEnabled
            ? new Dictionary<string, string>(_extraLogConfig)
            {
                ["cleanup.policy"] = "compact,delete",
                ["retention.ms"] = (_supplier.RetentionPeriodMs + AdditionalChangelogRetentionMs).ToString(CultureInfo.InvariantCulture),
            }
            : new Dictionary<string, string>();

    public WindowStoreBuilder<TKey, TValue> WithLoggingEnabled(IReadOnlyDictionary<string, string>? topicConfig = null)
    {
        LoggingEnabled = true;
        _extraLogConfig = topicConfig is null ? [] : new Dictionary<string, string>(topicConfig);
        return this;
    }

    /// <summary>
    /// Writes wait in the task's record cache until the commit (or an eviction), so many updates of one window
    /// between commits cost one write below and one changelog record (Kafka Streams' caching window store).
    /// </summary>
    public WindowStoreBuilder<TKey, TValue> WithCachingEnabled()
    {
        CachingEnabled = true;
        return this;
    }

    public WindowStoreBuilder<TKey, TValue> WithLoggingDisabled()
    {
        LoggingEnabled = false;
        return this;
    }

    public IWindowStore<TKey, TValue> Build()
    {
        var store = _supplier.Get();
        if (LoggingEnabled)
        {
            store = new ChangeLoggingWindowBytesStore(store);
        }

        if (CachingEnabled)
        {
            store = new Caching.CachingWindowBytesStore(store);
        }

        return new SerdeWindowStore<TKey, TValue>(store, _keySerde, _valueSerde);
    }

    IStateStore IStoreBuilder.Build() => Build();
}
