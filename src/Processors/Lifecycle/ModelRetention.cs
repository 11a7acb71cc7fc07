namespace RecoStreams.Processors.Lifecycle;

/// <summary>How many model versions the models topic keeps beside the active one.</summary>
/// <param name="NewestVersions">The most recently created versions kept, whatever their status.</param>
/// <param name="PreviousChampions">
/// Champions kept behind the active version for rollback: the version it was compared with (its lineage's
/// champion, the one serving before it), that version's champion, and so on this many steps back.
/// </param>
public sealed record ModelRetentionPolicy(int NewestVersions, int PreviousChampions)
{
    /// <summary>
    /// The versions to forget: all but the active one, its <see cref="PreviousChampions"/> champions, the
    /// <see cref="NewestVersions"/> newest, and any still training (its job will write it again).
    /// </summary>
    /// <param name="versions">Every version's manifest.</param>
    /// <param name="activeId">The serving version; null when none was activated.</param>
    public IReadOnlyList<string> Expired(IReadOnlyList<ModelVersion> versions, string? activeId)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var byId = versions.ToDictionary(v => v.Id, StringComparer.Ordinal);
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in versions.OrderByDescending(v => v.CreatedAtMs).ThenByDescending(v => v.Id, StringComparer.Ordinal).Take(NewestVersions))
        {
            keep.Add(v.Id);
        }

        // The active version is step 0 of its champion chain.
        var champion = activeId;
        for (var step = 0; champion is not null && step <= PreviousChampions; step++)
        {
            keep.Add(champion);
            champion = byId.TryGetValue(champion, out var version) ? version.Lineage?.ChampionId : null;
        }

        return [.. versions.Where(v => v.Status != ModelStatus.Training && !keep.Contains(v.Id)).Select(v => v.Id).Order(StringComparer.Ordinal)];
    }
}
