using System.Collections.Immutable;

namespace RecoStreams.Processors.Experiments;

/// <summary>
/// The experiments the global table holds, in memory for the read path: one immutable snapshot swapped on
/// each change, so serving a list reads it without locks or store iteration.
/// </summary>
public sealed class ExperimentCatalog
{
    private ImmutableSortedDictionary<string, Experiment> _experiments = ImmutableSortedDictionary.Create<string, Experiment>(StringComparer.Ordinal);

    public IReadOnlyCollection<Experiment> All => _experiments.Values.ToList();

    public Experiment? Find(string id) => _experiments.GetValueOrDefault(id);

    /// <summary>The user's experiment and variant at <paramref name="nowMs"/> (see <see cref="ExperimentAssigner"/>), or null.</summary>
    public ExperimentAssignment? Assign(string userId, long nowMs)
    {
        var experiments = _experiments;
        return experiments.IsEmpty ? null : ExperimentAssigner.Assign(experiments.Values, userId, nowMs);
    }

    public void Set(string id, Experiment? experiment) =>
        ImmutableInterlocked.Update(ref _experiments, (all, change) => change.Experiment is null ? all.Remove(change.Id) : all.SetItem(change.Id, change.Experiment), (Id: id, Experiment: experiment));
}
