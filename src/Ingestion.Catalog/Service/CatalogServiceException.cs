namespace RecoStreams.Ingestion.Catalog.Service;

/// <summary>The Catalog Service could not be read (after retries) or answered outside its contract.</summary>
public sealed class CatalogServiceException : Exception
{
    public CatalogServiceException(string message)
        : base(message)
    {
    }

    public CatalogServiceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
