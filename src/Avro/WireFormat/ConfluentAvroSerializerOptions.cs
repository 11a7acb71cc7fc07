namespace RecoStreams.Avro.WireFormat;

/// <summary>Settings of <see cref="ConfluentAvroSerializer{T}"/>.</summary>
public sealed record ConfluentAvroSerializerOptions
{
    /// <summary>How subjects are named; <see cref="SubjectNameStrategy.TopicName"/> by default.</summary>
    public SubjectNameStrategy SubjectNameStrategy { get; init; } = SubjectNameStrategy.TopicName;

    /// <summary>
    /// Register the writer schema when it is not yet under the subject (true, the default), or only
    /// look it up (false: production setups where schemas are registered by CI, not by producers).
    /// </summary>
    public bool AutoRegisterSchemas { get; init; } = true;
}
