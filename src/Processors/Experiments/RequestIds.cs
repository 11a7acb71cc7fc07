namespace RecoStreams.Processors.Experiments;

/// <summary>
/// Request ids of served lists. Each is a time-ordered UUID: version 7 when the list was served in an experiment,
/// and the same layout with version 8 (RFC 9562's custom version) when it was served outside any experiment. So
/// feedback says by its request id alone that its list counts in no experiment, and attribution leaves it out
/// without looking for its exposure; feedback whose exposure is unknown (orphan, late) stays told apart from it.
/// Older request ids (all version 7) are still attributed through their exposures.
/// </summary>
public static class RequestIds
{
    private const int VersionDigit = 14;
    private const char OutsideExperimentsVersion = '8';

    /// <summary>A new request id ("D" format) for a list served in an experiment or outside any.</summary>
    public static string New(bool inExperiment) =>
        string.Create(36, (Id: Guid.CreateVersion7(), inExperiment), static (chars, state) =>
        {
            state.Id.TryFormat(chars, out _, "D");
            if (!state.inExperiment)
            {
                chars[VersionDigit] = OutsideExperimentsVersion;
            }
        });

    /// <summary>Whether <paramref name="requestId"/> names a list served outside any experiment.</summary>
    public static bool IsOutsideExperiments(string requestId) =>
        Guid.TryParse(requestId, out var id) && id.Version == OutsideExperimentsVersion - '0';

    /// <summary>The same for a request id in UTF-8, as it sits in an encoded record, without making a string of it.</summary>
    public static bool IsOutsideExperiments(ReadOnlySpan<byte> utf8RequestId) =>
        Guid.TryParse(utf8RequestId, out var id) && id.Version == OutsideExperimentsVersion - '0';
}
