using System.Collections.Concurrent;
using RecoStreams.Processors.Affinity;
using RecoStreams.Processors.Options;
using RecoStreams.Processors.Recommending;

namespace RecoStreams.Processors.Lifecycle;

/// <summary>
/// The recommender a model version's lists are built with: a config version's own settings
/// (<see cref="ConfigModelSettings"/>) on top of the deployment's, a trained version's named serving settings
/// (e.g. its blend weight) likewise, the deployment's own recommender for a version that names none and when
/// none serves. Shared by every recompute and read (a recommender is stateless);
/// built once per version, as a version never changes once published.
/// </summary>
public sealed class ServingRecommenders(Recommender deployment, RecommenderOptions defaults, AffinityOptions affinity, UserClassOptions classes)
{
    /// <summary>Versions remembered at most; one is activated now and then, so this is never reached in practice.</summary>
    private const int Capacity = 64;

    private readonly ConcurrentDictionary<string, Recommender> _byVersion = new(StringComparer.Ordinal);

    /// <param name="versionId">The version pinned for the list; null when none serves.</param>
    /// <param name="findManifest">Reads a version's manifest (from the models table), only for a version not seen yet.</param>
    public Recommender For(string? versionId, Func<string, ModelVersion?> findManifest)
    {
        ArgumentNullException.ThrowIfNull(findManifest);
        if (versionId is null)
        {
            return deployment;
        }

        if (_byVersion.TryGetValue(versionId, out var known))
        {
            return known;
        }

        if (findManifest(versionId) is not { } version)
        {
            // Not in the table (yet): the deployment's settings, and asked again next time.
            return deployment;
        }

        if (_byVersion.Count >= Capacity)
        {
            _byVersion.Clear();
        }

        return _byVersion.GetOrAdd(versionId, _ => Build(version));
    }

    private Recommender Build(ModelVersion version)
    {
        // A trained version's lineage holds its trainer's settings too: only the serving settings it named count.
        var parameters = version.Lineage?.Parameters ?? new Dictionary<string, string>();
        var settings = version.ModelType == ModelTrainerFactory.ConfigModelType ? parameters : ConfigModelSettings.Named(parameters);
        if (settings.Count == 0)
        {
            return deployment;
        }

        try
        {
            // Unknown names are those of an older build's record (e.g. decay half-lives, which a version cannot change).
            return new Recommender(ConfigModelSettings.Apply(defaults, settings, ignoreUnknown: true), affinity, classes);
        }
        catch (ArgumentException)
        {
            // Recorded values the training checked cannot be out of range; a hand-written record could, and must not stop recomputes.
            return deployment;
        }
    }
}
