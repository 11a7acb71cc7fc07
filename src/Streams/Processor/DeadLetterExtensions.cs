namespace RecoStreams.Streams.Processor;

/// <summary>Lets domain code reject the record being processed, with a reason, to the dead-letter topic.</summary>
public interface IDeadLetterContext
{
    /// <summary>
    /// Sends the original key and value bytes of the current input record to the DLQ with headers naming
    /// the reason and source. Processing continues with the next record as usual.
    /// </summary>
    void ForwardToDeadLetter(string reason);
}

public static class DeadLetterExtensions
{
    /// <summary>Sends the current input record, untouched, to the dead-letter topic with <paramref name="reason"/>.</summary>
    public static void ForwardToDeadLetter<TKey, TValue>(this IProcessorContext<TKey, TValue> context, string reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context is not IDeadLetterContext deadLetters)
        {
            throw new NotSupportedException($"{context.GetType().Name} cannot send records to a dead-letter topic.");
        }

        deadLetters.ForwardToDeadLetter(reason);
    }
}
