using RecoStreams.Processors.Options;
using RecoStreams.Streams.State;

namespace RecoStreams.Processors.Privacy;

/// <summary>Whether a user may be personalised: their consent record, else the configured default.</summary>
public sealed class ConsentPolicy(PrivacyOptions options)
{
    public bool AllowsPersonalisation(IReadOnlyKeyValueStore<string, ConsentRecord> consents, string userId)
    {
        ArgumentNullException.ThrowIfNull(consents);
        return consents.TryGet(userId, out var consent) ? consent.Personalisation : options.PersonalisationByDefault;
    }
}
