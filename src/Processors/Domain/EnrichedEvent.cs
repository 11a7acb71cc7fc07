namespace RecoStreams.Processors.Domain;

/// <summary>An engagement event joined with the catalog entry of its item.</summary>
public sealed record EnrichedEvent(EngagementEvent Event, CatalogItem Item);
