using RecoStreams.QueryApi.Cli;
using RecoStreams.Streams.Kafka.Native;

// Before any verb creates a Kafka client: bind Confluent.Kafka to the packaged librdkafka, so a system
// librdkafka (e.g. Debian's 2.0.2) can never be loaded in its place by the catalog or backfill verbs.
LibrdkafkaLoader.EnsureLoaded();
return await RecoStreamsCli.Create().Parse(args).InvokeAsync();
