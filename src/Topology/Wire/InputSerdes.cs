using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Registry;
using RecoStreams.Topology.Mapping;
using Domain = RecoStreams.Processors.Domain;

namespace RecoStreams.Topology.Wire;

/// <summary>
/// The serdes of the topology's two input topics, engagement-events and catalog-items: the topology reads
/// with them, and everything that feeds it (loaders, replays, benchmarks, tests) writes with the same ones.
/// </summary>
public static class InputSerdes
{
    public static ConfluentAvroSerde<EngagementEvent, Domain.EngagementEvent> EngagementEvents(ISchemaRegistryClient registry) =>
        new(EngagementEventContract.Instance, registry, EngagementEventMapper.ToContract, EngagementEventMapper.ToDomain);

    public static ConfluentAvroSerde<CatalogItem, Domain.CatalogItem> CatalogItems(ISchemaRegistryClient registry) =>
        new(CatalogItemContract.Instance, registry, CatalogItemMapper.ToContract, CatalogItemMapper.ToDomain);
}
