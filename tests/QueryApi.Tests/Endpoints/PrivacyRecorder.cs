using System.Collections.Concurrent;
using RecoStreams.Processors.Privacy;
using RecoStreams.QueryApi.Privacy;

namespace RecoStreams.QueryApi.Tests.Endpoints;

/// <summary>
/// Keeps the erase requests and consents the endpoints would have produced; consents written are read back
/// at once, as the consents global table would after its few seconds.
/// </summary>
internal sealed class PrivacyRecorder : IPrivacyPublisher, IConsentReader
{
    public ConcurrentQueue<EraseRequest> Erasures { get; } = new();

    public ConcurrentDictionary<string, ConsentRecord> Consents { get; } = new(StringComparer.Ordinal);

    public Task PublishEraseAsync(EraseRequest request, CancellationToken cancellationToken)
    {
        Erasures.Enqueue(request);
        return Task.CompletedTask;
    }

    public Task PublishConsentAsync(ConsentRecord consent, CancellationToken cancellationToken)
    {
        Consents[consent.UserId] = consent;
        return Task.CompletedTask;
    }

    public bool AllowsPersonalisation(string userId) => !Consents.TryGetValue(userId, out var consent) || consent.Personalisation;
}
