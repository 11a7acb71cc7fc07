namespace RecoStreams.QueryApi.Hosting;

/// <summary>
/// librdkafka properties for the streams runtime's clients (Consumer: the Postgres mirror's too), bound from the "Kafka" section
/// (e.g. <c>Kafka:Consumer:session.timeout.ms</c>); they win over the runtime's defaults, like Kafka Streams'
/// "consumer."/"producer."/"admin." prefixes.
/// </summary>
public sealed class KafkaClientOverridesOptions
{
    public const string SectionName = "Kafka";

    public Dictionary<string, string> Consumer { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Producer { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Admin { get; set; } = new(StringComparer.Ordinal);
}
