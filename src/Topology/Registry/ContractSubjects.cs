namespace RecoStreams.Topology.Registry;

/// <summary>
/// The contract files of schemas/avro and the topics they belong to (see its README). Kept next to
/// <see cref="RecoTopics"/> so a renamed topic moves its subject with it.
/// </summary>
public sealed class ContractSubjects
{
    private readonly Dictionary<string, ContractSubject> _byFile;

    /// <summary>The mapping for the application <paramref name="applicationId"/>, which names the item-stats topic.</summary>
    public ContractSubjects(string applicationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationId);
        var topics = new RecoTopics(applicationId);
        All =
        [
            new("CatalogItem.avsc", RecoTopics.CatalogItems),
            new("Consent.avsc", topics.Consents),
            new("EngagementEvent.avsc", RecoTopics.EngagementEvents),
            new("ItemStats.avsc", topics.ItemStats),
            new("ModelTrainingCompleted.avsc", RecoTopics.ModelTrainingCompleted),
            new("ModelTrainingStarted.avsc", RecoTopics.ModelTrainingStarted),
            new("RecommendationFeedback.avsc", RecoTopics.RecommendationFeedback),
            new("RecommendationServed.avsc", RecoTopics.RecommendationServed),
            new("RecommendationUpdated.avsc", RecoTopics.RecommendationUpdated),
            new("UserErased.avsc", RecoTopics.UserErased),
        ];
        _byFile = All.ToDictionary(c => c.FileName, StringComparer.Ordinal);
    }

    /// <summary>Every known contract, in file-name order.</summary>
    public IReadOnlyList<ContractSubject> All { get; }

    /// <summary>The contract stored in <paramref name="fileName"/> (a bare file name; case matters, as on the file system).</summary>
    public bool TryGet(string fileName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ContractSubject? contract) =>
        _byFile.TryGetValue(fileName, out contract);
}
