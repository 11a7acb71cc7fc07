using RecoStreams.Processors.Privacy;

namespace RecoStreams.Mirror;

/// <summary>
/// What the mirror needs to keep engagement events as training history under the privacy rules: the keyed
/// hash erasures are recorded by (never the raw id), and whether a user consents to personalisation (the
/// topology drops a non-consenting user's events; the mirror does not keep them either). The consent check
/// may throw while the consents table is not readable yet (the streams are starting); the event then waits.
/// </summary>
public sealed record EventHistoryMirroring(UserIdHash Hash, Func<string, bool> AllowsPersonalisation);
