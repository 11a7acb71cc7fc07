namespace RecoStreams.Processors.Options;

/// <summary>Consent, erasure and retention of personal data (see docs/privacy.md).</summary>
public sealed class PrivacyOptions
{
    /// <summary>
    /// Whether a user with no consent record is personalised. Default true (opt-out): a product that must
    /// ask first (opt-in) sets false, and then only users with a consent record saying yes get profiles.
    /// </summary>
    public bool PersonalisationByDefault { get; set; } = true;

    /// <summary>Profiles, lists and dedup ids of users with no engagement for this long are removed. Default 180 days.</summary>
    public TimeSpan InactiveUserRetention { get; set; } = TimeSpan.FromDays(180);

    /// <summary>How often the retention sweep looks for inactive users (wall clock). Default 1 h.</summary>
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long an erased user's watermark is kept: events of the user that occurred before the erase are
    /// dropped while it lasts. Keep it at least the engagement-events topic's retention, the furthest back a
    /// replay can reach. Default 7 days (Kafka's default retention).
    /// </summary>
    public TimeSpan EraseWatermarkRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Key of the HMAC-SHA256 that turns user ids into the hashes kept after an erase (watermarks, audit
    /// events). Set a secret per deployment: with the default, anyone can hash a known user id and match it.
    /// </summary>
    public string UserIdHashKey { get; set; } = "recostreams-user-id";

    /// <summary>Throws, naming the setting, when a value cannot work (a sweep that never runs, an empty hash key).</summary>
    public void Validate()
    {
        foreach (var (name, value) in new[]
        {
            (nameof(InactiveUserRetention), InactiveUserRetention),
            (nameof(RetentionSweepInterval), RetentionSweepInterval),
            (nameof(EraseWatermarkRetention), EraseWatermarkRetention),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentException($"Privacy:{name} must be positive (is {value}).");
            }
        }

        if (string.IsNullOrEmpty(UserIdHashKey))
        {
            throw new ArgumentException($"Privacy:{nameof(UserIdHashKey)} must not be empty.");
        }
    }
}
