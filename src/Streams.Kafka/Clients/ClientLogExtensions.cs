using Confluent.Kafka;

namespace RecoStreams.Streams.Kafka.Clients;

/// <summary>Routes a client's librdkafka log lines to <see cref="KafkaClientOptions.ClientLog"/> when one is set.</summary>
internal static class ClientLogExtensions
{
    public static ConsumerBuilder<TKey, TValue> WithClientLog<TKey, TValue>(this ConsumerBuilder<TKey, TValue> builder, KafkaClientOptions options) =>
        options.ClientLog is { } log ? builder.SetLogHandler((_, message) => log(message)) : builder;

    public static ProducerBuilder<TKey, TValue> WithClientLog<TKey, TValue>(this ProducerBuilder<TKey, TValue> builder, KafkaClientOptions options) =>
        options.ClientLog is { } log ? builder.SetLogHandler((_, message) => log(message)) : builder;

    public static AdminClientBuilder WithClientLog(this AdminClientBuilder builder, KafkaClientOptions options) =>
        options.ClientLog is { } log ? builder.SetLogHandler((_, message) => log(message)) : builder;
}
