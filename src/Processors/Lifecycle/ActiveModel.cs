namespace RecoStreams.Processors.Lifecycle;

/// <summary>
/// The activation this instance serves, as last read from the models global table. Shared by the table's
/// processor (the only writer) and every recompute; a recompute that sees it changed recomputes its users,
/// so a switch reaches every stored list within a recompute interval or two.
/// </summary>
public sealed class ActiveModel
{
    private volatile ModelActivation? _current;

    /// <summary>The serving version's id; null while none was ever activated (the streaming recommender alone serves).</summary>
    public string? VersionId => _current?.VersionId;

    public void Set(ModelActivation? activation) => _current = activation;
}
