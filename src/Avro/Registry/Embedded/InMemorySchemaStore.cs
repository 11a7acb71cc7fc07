using System.Runtime.CompilerServices;

namespace RecoStreams.Avro.Registry.Embedded;

/// <summary>An <see cref="ISchemaStore"/> in memory: nothing survives the process. For tests and throwaway registries.</summary>
public sealed class InMemorySchemaStore : ISchemaStore
{
    private readonly Lock _gate = new();
    private readonly List<SchemaRegistryRecord> _records = [];
    private long _appended; // the end: counts appends, so a retraction never moves it back

    /// <summary>Records appended so far.</summary>
    public IReadOnlyList<SchemaRegistryRecord> Records
    {
        get
        {
            lock (_gate)
            {
                return [.. _records];
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SchemaRegistryRecord> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        foreach (var record in Records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }
    }

    /// <inheritdoc />
    public Task<long> EndAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_appended);
        }
    }

    /// <inheritdoc />
    public Task RetractAsync(SchemaVersionRecord lost, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lost);
        lock (_gate)
        {
            // The last appended equal record: the one that lost (an earlier equal one, if any, was applied).
            var index = _records.FindLastIndex(r => r.Equals(lost));
            if (index >= 0)
            {
                _records.RemoveAt(index);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task AppendAsync(SchemaRegistryRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            _records.Add(record);
            _appended++;
        }

        return Task.CompletedTask;
    }
}
