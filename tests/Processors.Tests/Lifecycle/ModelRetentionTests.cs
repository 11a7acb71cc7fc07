using RecoStreams.Processors.Lifecycle;

namespace RecoStreams.Processors.Tests.Lifecycle;

public sealed class ModelRetentionTests
{
    private static ModelVersion Version(string id, long createdAtMs, string? championId, ModelStatus status = ModelStatus.Approved) =>
        new(id, "ease", status, createdAtMs, new ModelLineage(0, 1, 1, 10, "test", new Dictionary<string, string>(), championId), null, null, null);

    // v1 <- v2 <- v3 (champions), v4 rejected against v3, v5 failed, v6 training.
    private static readonly List<ModelVersion> Versions =
    [
        Version("v1", 1, null),
        Version("v2", 2, "v1"),
        Version("v3", 3, "v2"),
        Version("v4", 4, "v3", ModelStatus.Rejected),
        Version("v5", 5, "v3", ModelStatus.Failed),
        Version("v6", 6, "v3", ModelStatus.Training),
    ];

    [Fact]
    public void Keeps_the_active_version_its_champions_for_rollback_and_the_newest()
    {
        Assert.Equal(["v1", "v4"], new ModelRetentionPolicy(NewestVersions: 2, PreviousChampions: 1).Expired(Versions, "v3"));
        Assert.Equal(["v4", "v5"], new ModelRetentionPolicy(NewestVersions: 1, PreviousChampions: 2).Expired(Versions, "v3"));
    }

    [Fact]
    public void A_rolled_back_activation_keeps_the_chain_behind_the_version_serving_now()
    {
        Assert.Equal(["v2", "v3", "v4"], new ModelRetentionPolicy(NewestVersions: 2, PreviousChampions: 1).Expired(Versions, "v1"));
    }

    [Fact]
    public void Without_an_activation_only_the_newest_are_kept_and_a_training_version_never_expires()
    {
        Assert.Equal(["v1", "v2", "v3", "v4", "v5"], new ModelRetentionPolicy(NewestVersions: 0, PreviousChampions: 3).Expired(Versions, null));
        Assert.Empty(new ModelRetentionPolicy(NewestVersions: 10, PreviousChampions: 0).Expired(Versions, "v3"));
    }
}
