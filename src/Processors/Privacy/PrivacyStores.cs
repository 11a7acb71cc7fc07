namespace RecoStreams.Processors.Privacy;

/// <summary>
/// Names of the stores that hold a user's personal data (all erased together) and of the privacy stores:
/// the consents global table and the erase watermarks (keyed by user-id hash).
/// </summary>
public sealed record PrivacyStores(
    string EventIds,
    string PendingEnrichment,
    string Profiles,
    string DirtyUsers,
    string Recommendations,
    string EraseWatermarks,
    string Consents);
