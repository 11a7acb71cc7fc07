using RecoStreams.Processors.Privacy;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.State;
using RecoStreams.Topology;

namespace RecoStreams.QueryApi.Privacy;

/// <summary>Reads the consents global store of the running application under the topology's default.</summary>
public sealed class KafkaStreamsConsentReader(KafkaStreams streams, RecoTopologyOptions options) : IConsentReader
{
    private readonly ConsentPolicy _policy = new(options.Privacy);

    public bool AllowsPersonalisation(string userId) =>
        _policy.AllowsPersonalisation(streams.GlobalStore<IReadOnlyKeyValueStore<string, ConsentRecord>>(RecoStoreNames.Consents), userId);
}
