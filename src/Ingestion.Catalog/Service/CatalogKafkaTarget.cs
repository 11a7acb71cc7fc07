namespace RecoStreams.Ingestion.Catalog.Service;

/// <summary>The Kafka cluster the connector writes to (the instance's own, embedded or not).</summary>
public sealed record CatalogKafkaTarget(string BootstrapServers);
