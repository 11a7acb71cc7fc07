namespace RecoStreams.Streams.State.Builders;

/// <summary>
/// Builds a fresh, layered store for each task. The topology keeps builders (not stores) and reads
/// their logging settings to declare changelog topics.
/// </summary>
public interface IStoreBuilder
{
    string Name { get; }

    bool LoggingEnabled { get; }

    bool CachingEnabled { get; }

    /// <summary>Topic configs for the changelog (cleanup.policy, retention.ms, ...); empty when logging is off.</summary>
    IReadOnlyDictionary<string, string> ChangelogConfig { get; }

    IStateStore Build();
}

public interface IStoreBuilder<out TStore> : IStoreBuilder
    where TStore : IStateStore
{
    new TStore Build();
}
