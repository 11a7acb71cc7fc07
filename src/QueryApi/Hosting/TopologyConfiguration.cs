using Microsoft.Extensions.Configuration;
using RecoStreams.Processors.Options;
using RecoStreams.Topology;

namespace RecoStreams.QueryApi.Hosting;

/// <summary>
/// Reads the topology's options from configuration, one section per options class; a missing section
/// or key keeps the code default, so an operator sets only what they change. Popularity's windows are not
/// read: they name the window stores and the trending API's windows, so they are part of the topology's shape.
/// </summary>
public static class TopologyConfiguration
{
    /// <summary>Section of <see cref="PrivacyOptions"/> (consent default, retention, hash key).</summary>
    public const string PrivacySection = "Privacy";

    /// <summary>Section of <see cref="ExperimentOptions"/> (attribution window, counts, exposures).</summary>
    public const string ExperimentsSection = "Experiments";

    /// <summary>Section of <see cref="RecommenderOptions"/> (list size, blend, recompute cadence, read cache).</summary>
    public const string RecommenderSection = "Recommender";

    /// <summary>Section of <see cref="AffinityOptions"/> (event weights, profile capacities).</summary>
    public const string AffinitySection = "Affinity";

    /// <summary>Section of <see cref="CoVisitationOptions"/> (pairing, decay, shrinkage, decoded aggregates).</summary>
    public const string CoVisitationSection = "CoVisitation";

    /// <summary>The topology options of application <paramref name="applicationId"/> as configured.</summary>
    public static RecoTopologyOptions Read(IConfiguration configuration, string applicationId) => new()
    {
        ApplicationId = applicationId,
        Privacy = Section<PrivacyOptions>(configuration, PrivacySection),
        Experiments = Section<ExperimentOptions>(configuration, ExperimentsSection),
        Recommender = Section<RecommenderOptions>(configuration, RecommenderSection),
        Affinity = Section<AffinityOptions>(configuration, AffinitySection),
        CoVisitation = Section<CoVisitationOptions>(configuration, CoVisitationSection),
    };

    private static T Section<T>(IConfiguration configuration, string name)
        where T : new() =>
        configuration.GetSection(name).Get<T>() ?? new T();
}
