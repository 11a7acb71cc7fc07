using RecoStreams.Streams.Processor;

namespace RecoStreams.Streams.Errors;

/// <summary>Where a record failed.</summary>
public enum ErrorStage
{
    Deserialization,
    Processing,
}

/// <summary>What the task does with a record that failed.</summary>
public enum ErrorHandlerResponse
{
    /// <summary>Stop the task with a <see cref="StreamsException"/>.</summary>
    Fail,

    /// <summary>Send the original bytes to the dead-letter topic, then continue with the next record.</summary>
    DeadLetter,

    /// <summary>Drop the record silently and continue.</summary>
    Continue,
}

/// <summary>Everything known about a failed record; <see cref="RawKey"/>/<see cref="RawValue"/> are the bytes as consumed.</summary>
public sealed record ErrorHandlerContext(
    TaskId TaskId,
    ErrorStage Stage,
    string Topic,
    int Partition,
    long Offset,
    long Timestamp,
    byte[]? RawKey,
    byte[]? RawValue,
    RecordHeaders? Headers,
    string? ProcessorName);

public interface IDeserializationExceptionHandler
{
    ErrorHandlerResponse Handle(ErrorHandlerContext context, Exception exception);
}

public interface IProcessingExceptionHandler
{
    ErrorHandlerResponse Handle(ErrorHandlerContext context, Exception exception);
}

/// <summary>The default: bad records go to the dead-letter topic with their reason, and processing goes on.</summary>
public sealed class DeadLetterExceptionHandler : IDeserializationExceptionHandler, IProcessingExceptionHandler
{
    public static DeadLetterExceptionHandler Instance { get; } = new();

    public ErrorHandlerResponse Handle(ErrorHandlerContext context, Exception exception) => ErrorHandlerResponse.DeadLetter;
}

/// <summary>Stops the task on the first bad record (Kafka Streams' LogAndFail).</summary>
public sealed class FailExceptionHandler : IDeserializationExceptionHandler, IProcessingExceptionHandler
{
    public static FailExceptionHandler Instance { get; } = new();

    public ErrorHandlerResponse Handle(ErrorHandlerContext context, Exception exception) => ErrorHandlerResponse.Fail;
}
