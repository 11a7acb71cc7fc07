namespace RecoStreams.Ingestion.Catalog.Service;

/// <summary>The Catalog Service connector (configuration section "Catalog"); off while <see cref="ServiceUrl"/> is unset.</summary>
public sealed class CatalogConnectorOptions
{
    public const string SectionName = "Catalog";

    /// <summary>Base address of the Catalog Service; items are read from {ServiceUrl}/items.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Pause between polls once the service has nothing newer.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The limit asked for per page.</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>Where the cursor (max updated_at published, last ETag) survives restarts.</summary>
    public string CursorPath { get; set; } = "catalog-connector.cursor.json";

    /// <summary>One HTTP attempt; a slower answer counts as a failure and is retried.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of one request after a 5xx, 408, 429, timeout or connection error.</summary>
    public int MaxRetries { get; set; } = 5;

    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a page's records may take to be acknowledged by Kafka.</summary>
    public TimeSpan FlushTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
