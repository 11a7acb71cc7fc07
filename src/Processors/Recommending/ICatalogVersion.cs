namespace RecoStreams.Processors.Recommending;

/// <summary>
/// A count of the changes to what <see cref="IRecommendationInputs.FindItem"/> answers. While the same object reports the
/// same version, every id is answered as before; a version read before a list's first <c>FindItem</c> that still holds
/// when the next list starts covers every answer the list read (a thread's <see cref="ItemFront{T}"/> of catalog items).
/// </summary>
public interface ICatalogVersion
{
    long CatalogVersion { get; }
}
