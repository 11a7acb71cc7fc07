using Contract = RecoStreams.Avro.Contracts;
using Domain = RecoStreams.Processors.Domain;

namespace RecoStreams.Topology.Mapping;

/// <summary>Maps the CatalogItem Avro contract to the domain's catalog item and back.</summary>
public static class CatalogItemMapper
{
    public static Domain.CatalogItem ToDomain(Contract.CatalogItem item) => new(
        ItemId: item.ItemId,
        Title: item.Title,
        Genres: item.Genres,
        Creators: item.Creators,
        Language: item.Language,
        Tags: item.Tags,
        DurationSeconds: item.DurationSeconds,
        Available: item.Available,
        UpdatedAt: item.UpdatedAt);

    public static Contract.CatalogItem ToContract(Domain.CatalogItem item) => new()
    {
        ItemId = item.ItemId,
        Title = item.Title,
        Genres = item.Genres,
        Creators = item.Creators,
        Language = item.Language,
        Tags = item.Tags,
        DurationSeconds = item.DurationSeconds,
        Available = item.Available,
        UpdatedAt = item.UpdatedAt,
    };
}
