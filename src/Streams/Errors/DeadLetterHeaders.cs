namespace RecoStreams.Streams.Errors;

/// <summary>Headers the runtime adds to a record it sends to the dead-letter topic.</summary>
public static class DeadLetterHeaders
{
    public const string Reason = "x-dlq-reason";
    public const string ExceptionType = "x-dlq-exception-type";
    public const string Stage = "x-dlq-stage";
    public const string SourceTopic = "x-dlq-source-topic";
    public const string SourcePartition = "x-dlq-source-partition";
    public const string SourceOffset = "x-dlq-source-offset";
    public const string Processor = "x-dlq-processor";

    public static string StageName(ErrorStage stage) => stage switch
    {
        ErrorStage.Deserialization => "deserialization",
        ErrorStage.Processing => "processing",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };
}
