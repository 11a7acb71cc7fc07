using RecoStreams.Processors.Experiments;

namespace RecoStreams.QueryApi.Queries;

/// <summary>
/// Interactive queries of the experiment-counts store. All of an experiment's counts live in one partition
/// (signals are re-keyed by experiment id), so one instance answers for it and others forward there.
/// </summary>
public interface IExperimentCountsQueries
{
    /// <summary>The application.server of another instance hosting the experiment's counts, or null to answer here.</summary>
    string? RemoteOwner(string experimentId);

    /// <summary>
    /// The experiment's counts over the kept windows starting in [<paramref name="fromMs"/>, <paramref name="toMs"/>];
    /// 503 (<see cref="RecoStreams.Hosting.Http.ServiceUnavailableException"/>) when not hosted here.
    /// </summary>
    ExperimentCounts Counts(string experimentId, long fromMs = 0, long? toMs = null);

    /// <summary>Every key's total counts in the partitions hosted here (for metrics), without failing while not running.</summary>
    IReadOnlyDictionary<string, ExperimentCounts> LocalCounts();
}
