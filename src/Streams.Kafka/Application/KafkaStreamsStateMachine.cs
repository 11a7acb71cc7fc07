namespace RecoStreams.Streams.Kafka.Application;

/// <summary>
/// Guards the application's state transitions (the ones Kafka Streams allows) and tells the listener
/// about each one. Listener calls happen outside the lock so a listener may read the state or call Close.
/// </summary>
internal sealed class KafkaStreamsStateMachine
{
    private static readonly Dictionary<KafkaStreamsState, KafkaStreamsState[]> Allowed = new()
    {
        [KafkaStreamsState.Created] = [KafkaStreamsState.Rebalancing, KafkaStreamsState.PendingShutdown, KafkaStreamsState.Error],
        [KafkaStreamsState.Rebalancing] = [KafkaStreamsState.Running, KafkaStreamsState.PendingShutdown, KafkaStreamsState.Error],
        [KafkaStreamsState.Running] = [KafkaStreamsState.Rebalancing, KafkaStreamsState.PendingShutdown, KafkaStreamsState.Error],
        [KafkaStreamsState.PendingShutdown] = [KafkaStreamsState.NotRunning],
        [KafkaStreamsState.NotRunning] = [],
        [KafkaStreamsState.Error] = [KafkaStreamsState.PendingShutdown],
    };

    private readonly Lock _gate = new();
    private KafkaStreamsState _state = KafkaStreamsState.Created;

    /// <summary>Raised after each transition with (old, new).</summary>
    public event Action<KafkaStreamsState, KafkaStreamsState>? Changed;

    public KafkaStreamsState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Moves to <paramref name="next"/> if allowed from the current state; returns whether it moved.</summary>
    public bool TryTransition(KafkaStreamsState next)
    {
        KafkaStreamsState previous;
        lock (_gate)
        {
            previous = _state;
            if (previous == next || !Allowed[previous].Contains(next))
            {
                return false;
            }

            _state = next;
        }

        Changed?.Invoke(previous, next);
        return true;
    }

    /// <summary>Like <see cref="TryTransition"/> but only from <paramref name="expected"/> (e.g. Rebalancing to Running).</summary>
    public bool TryTransition(KafkaStreamsState expected, KafkaStreamsState next)
    {
        lock (_gate)
        {
            if (_state != expected)
            {
                return false;
            }
        }

        return TryTransition(next);
    }
}
