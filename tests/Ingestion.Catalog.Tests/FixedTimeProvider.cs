namespace RecoStreams.Ingestion.Catalog.Tests;

/// <summary>A clock that stands still: every item of a load carries this time as updated_at.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
