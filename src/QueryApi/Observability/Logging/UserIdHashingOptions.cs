namespace RecoStreams.QueryApi.Observability.Logging;

/// <summary>Key for <see cref="UserIdHasher"/>, bound from the "UserIdHashing" configuration section.</summary>
public sealed class UserIdHashingOptions
{
    public const string SectionName = "UserIdHashing";

    public const int MinKeyBytes = 32;

    /// <summary>
    /// HMAC key (UTF-8, at least 32 bytes). Share it across instances so one user's hash matches in all
    /// their logs. When unset, a random per-process key is used: hashes then only correlate within a process.
    /// </summary>
    public string? Key { get; set; }
}
