using RecoStreams.Topology.Registry;
using Xunit;

namespace RecoStreams.Topology.Tests.Registry;

public sealed class ContractSubjectsTests
{
    [Theory]
    [InlineData("EngagementEvent.avsc", "engagement-events-value")]
    [InlineData("CatalogItem.avsc", "catalog-items-value")]
    [InlineData("RecommendationUpdated.avsc", "recommendation-updated-value")]
    [InlineData("RecommendationFeedback.avsc", "recommendation-feedback-value")]
    [InlineData("ItemStats.avsc", "shop-item-stats-value")]
    [InlineData("ModelTrainingStarted.avsc", "model-training-started-value")]
    [InlineData("ModelTrainingCompleted.avsc", "model-training-completed-value")]
    public void Maps_each_contract_file_to_the_value_subject_of_its_topic(string file, string subject)
    {
        Assert.True(new ContractSubjects("shop").TryGet(file, out var contract));
        Assert.Equal(subject, contract.Subject);
    }

    [Fact]
    public void Item_stats_subject_follows_the_application_id()
    {
        Assert.True(new ContractSubjects("recostreams").TryGet("ItemStats.avsc", out var contract));
        Assert.Equal(new RecoTopics("recostreams").ItemStats, contract.Topic);
    }

    [Theory]
    [InlineData("Unknown.avsc")]
    [InlineData("engagementevent.avsc")]
    public void Does_not_map_files_that_are_not_contracts(string file)
    {
        Assert.False(new ContractSubjects("recostreams").TryGet(file, out _));
    }

    [Fact]
    public void Covers_every_contract_file_in_the_schemas_folder()
    {
        var folder = RepoSchemasFolder();
        if (folder is null)
        {
            Assert.Skip("schemas/avro was not found above the test's working directory");
        }

        var files = Directory.GetFiles(folder, "*.avsc").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, new ContractSubjects("recostreams").All.Select(c => c.FileName));
    }

    private static string? RepoSchemasFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RecoStreams.sln")))
            {
                return Path.Combine(dir.FullName, "schemas", "avro");
            }
        }

        return null;
    }
}
