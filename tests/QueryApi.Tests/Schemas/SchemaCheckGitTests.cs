using Xunit;
using static RecoStreams.QueryApi.Tests.Schemas.ContractSchemas;

namespace RecoStreams.QueryApi.Tests.Schemas;

public sealed class SchemaCheckGitTests : IDisposable
{
    private readonly TempGitRepository _repo = TempGitRepository.Create();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public async Task Compatible_edit_against_HEAD_exits_0_and_reports_the_file_OK()
    {
        _repo.Write("EngagementEvent.avsc", EngagementV1);
        _repo.Commit("v1");
        _repo.Write("EngagementEvent.avsc", Record("EngagementEvent", UserId, Weight));

        var run = await CliRun.InvokeAsync("schemas", "check", "--dir", _repo.SchemaDirectory);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("OK        EngagementEvent.avsc", run.Output);
        Assert.Contains("Verdict: OK", run.Output);
    }

    [Fact]
    public async Task Field_added_without_default_exits_1_and_the_report_names_the_field()
    {
        _repo.Write("EngagementEvent.avsc", EngagementV1);
        _repo.Commit("v1");
        _repo.Write("EngagementEvent.avsc", Record("EngagementEvent", UserId, Region));

        var run = await CliRun.InvokeAsync("schemas", "check", "--dir", _repo.SchemaDirectory);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("BREAKING  EngagementEvent.avsc", run.Output);
        Assert.Contains("region", run.Output);
        Assert.Contains("Verdict: BREAKING", run.Output);
    }

    [Fact]
    public async Task Uncommitted_new_file_is_NEW_and_does_not_block()
    {
        _repo.Write("EngagementEvent.avsc", EngagementV1);
        _repo.Commit("v1");
        _repo.Write("CatalogItem.avsc", Record("CatalogItem", """{"name":"item_id","type":"string"}"""));

        var run = await CliRun.InvokeAsync("schemas", "check", "--dir", _repo.SchemaDirectory);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("NEW       CatalogItem.avsc", run.Output);
    }

    [Fact]
    public async Task Deleted_contract_is_REMOVED_and_exits_1()
    {
        _repo.Write("EngagementEvent.avsc", EngagementV1);
        _repo.Write("CatalogItem.avsc", Record("CatalogItem", """{"name":"item_id","type":"string"}"""));
        _repo.Commit("v1");
        _repo.Delete("CatalogItem.avsc");

        var run = await CliRun.InvokeAsync("schemas", "check", "--dir", _repo.SchemaDirectory);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("REMOVED   CatalogItem.avsc", run.Output);
    }

    [Fact]
    public async Task Checks_against_the_revision_given_with_against_git()
    {
        _repo.Write("EngagementEvent.avsc", EngagementV1);
        var v1 = _repo.Commit("v1");
        _repo.Write("EngagementEvent.avsc", Record("EngagementEvent", UserId, Region));
        _repo.Commit("v2 adds region without a default: breaking, but committed");

        var againstHead = await CliRun.InvokeAsync("schemas", "check", "--dir", _repo.SchemaDirectory);
        var againstV1 = await CliRun.InvokeAsync("schemas", "check", "--dir", _repo.SchemaDirectory, "--against", "git:" + v1);

        Assert.Equal(0, againstHead.ExitCode);
        Assert.Equal(1, againstV1.ExitCode);
    }

    [Fact]
    public async Task Transitive_level_checks_every_committed_version_not_only_the_last()
    {
        _repo.Write("EngagementEvent.avsc", EngagementV1);
        _repo.Commit("v1");
        _repo.Write("EngagementEvent.avsc", Record("EngagementEvent", UserId, Weight));
        _repo.Commit("v2 adds weight with a default");
        // Dropping the default still reads v2 data (it has weight) but not v1 data (it has none).
        _repo.Write("EngagementEvent.avsc", Record("EngagementEvent", UserId, WeightWithoutDefault));

        var backward = await CliRun.InvokeAsync("schemas", "check", "--dir", _repo.SchemaDirectory, "--compatibility", "BACKWARD");
        var transitive = await CliRun.InvokeAsync("schemas", "check", "--dir", _repo.SchemaDirectory, "--compatibility", "backward_transitive");

        Assert.Equal(0, backward.ExitCode);
        Assert.Equal(1, transitive.ExitCode);
        Assert.Contains("weight", transitive.Output);
    }

    [Theory]
    [InlineData("--against", "git:no-such-revision")]
    [InlineData("--against", "svn:HEAD")]
    [InlineData("--compatibility", "SIDEWAYS")]
    public async Task Bad_baseline_or_level_is_a_usage_error_with_exit_2(string option, string value)
    {
        _repo.Write("EngagementEvent.avsc", EngagementV1);
        _repo.Commit("v1");

        var run = await CliRun.InvokeAsync("schemas", "check", "--dir", _repo.SchemaDirectory, option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Error);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Missing_schema_folder_is_exit_2()
    {
        var run = await CliRun.InvokeAsync("schemas", "check", "--dir", Path.Combine(_repo.Root, "nowhere"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("does not exist", run.Error);
    }
}
