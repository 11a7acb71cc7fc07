using RecoStreams.Avro.Registry;
using Xunit;
using static RecoStreams.QueryApi.Tests.Schemas.ContractSchemas;

namespace RecoStreams.QueryApi.Tests.Schemas;

public sealed class SchemaRegistryVerbTests : IAsyncLifetime
{
    private static readonly string CatalogV1 = Record("CatalogItem", """{"name":"item_id","type":"string"}""");
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "reco-schemas-" + Guid.NewGuid().ToString("N"));
    private KestrelRegistry _server = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _server = await KestrelRegistry.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Register_puts_each_contract_under_its_topic_value_subject_and_prints_id_and_version()
    {
        Write("EngagementEvent.avsc", EngagementV1);
        Write("CatalogItem.avsc", CatalogV1);

        var run = await Register();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["catalog-items-value", "engagement-events-value"], await _server.Registry.GetSubjectsAsync(Ct));
        var engagement = await _server.Registry.GetVersionAsync("engagement-events-value", null, Ct);
        Assert.Contains($"engagement-events-value → id {engagement.Id}, version 1", run.Output);
        Assert.Contains("catalog-items-value → id ", run.Output);
    }

    [Fact]
    public async Task Registering_again_keeps_ids_and_versions_and_a_compatible_edit_adds_version_2()
    {
        Write("EngagementEvent.avsc", EngagementV1);
        await Register();
        var first = await _server.Registry.GetVersionAsync("engagement-events-value", null, Ct);

        var again = await Register();
        Write("EngagementEvent.avsc", Record("EngagementEvent", UserId, Weight));
        var edited = await Register();

        Assert.Contains($"engagement-events-value → id {first.Id}, version 1", again.Output);
        Assert.Equal(0, edited.ExitCode);
        Assert.Contains("version 2", edited.Output);
        Assert.Equal([1, 2], await _server.Registry.GetVersionsAsync("engagement-events-value", Ct));
    }

    [Fact]
    public async Task Incompatible_contract_is_rejected_with_exit_1_while_the_others_are_registered()
    {
        Write("EngagementEvent.avsc", EngagementV1);
        await Register();
        Write("EngagementEvent.avsc", Record("EngagementEvent", UserId, Region));
        Write("CatalogItem.avsc", CatalogV1);

        var run = await Register();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("engagement-events-value → REJECTED (409)", run.Output);
        Assert.Equal([1], await _server.Registry.GetVersionsAsync("engagement-events-value", Ct));
        Assert.Equal([1], await _server.Registry.GetVersionsAsync("catalog-items-value", Ct));
    }

    [Fact]
    public async Task Dry_run_reports_what_would_happen_and_registers_nothing()
    {
        Write("EngagementEvent.avsc", EngagementV1);
        await Register();
        Write("EngagementEvent.avsc", Record("EngagementEvent", UserId, Region));
        Write("CatalogItem.avsc", CatalogV1);

        var run = await Register("--dry-run");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("catalog-items-value → would register version 1 (new subject)", run.Output);
        Assert.Contains("engagement-events-value → WOULD BE REJECTED", run.Output);
        Assert.Equal(["engagement-events-value"], await _server.Registry.GetSubjectsAsync(Ct));
    }

    [Fact]
    public async Task Item_stats_subject_uses_the_application_id()
    {
        Write("ItemStats.avsc", Record("ItemStats", """{"name":"item_id","type":"string"}"""));

        var run = await Register("--application-id", "shop");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["shop-item-stats-value"], await _server.Registry.GetSubjectsAsync(Ct));
    }

    [Fact]
    public async Task Unknown_contract_file_is_exit_2_before_anything_is_registered()
    {
        Write("EngagementEvent.avsc", EngagementV1);
        Write("Mystery.avsc", Record("Mystery", UserId));

        var run = await Register();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Mystery.avsc", run.Error);
        Assert.Empty(await _server.Registry.GetSubjectsAsync(Ct));
    }

    [Fact]
    public async Task Unreachable_registry_is_exit_2()
    {
        Write("EngagementEvent.avsc", EngagementV1);
        var url = _server.Url;
        await _server.DisposeAsync();
        _server = await KestrelRegistry.StartAsync();

        var run = await CliRun.InvokeAsync("schemas", "check", "--dir", _dir, "--against", "registry:" + url);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Error);
    }

    [Fact]
    public async Task Check_against_the_registry_names_the_breaking_field_and_exits_1()
    {
        await _server.Registry.RegisterAsync("engagement-events-value", EngagementV1, Ct);
        Write("EngagementEvent.avsc", Record("EngagementEvent", UserId, Region));
        Write("CatalogItem.avsc", CatalogV1);

        var run = await CliRun.InvokeAsync("schemas", "check", "--dir", _dir, "--against", "registry:" + _server.Url);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("BREAKING  EngagementEvent.avsc", run.Output);
        Assert.Contains("region", run.Output);
        Assert.Contains("NEW       CatalogItem.avsc", run.Output);
    }

    [Fact]
    public async Task Check_against_the_registry_passes_a_compatible_edit()
    {
        await _server.Registry.RegisterAsync("engagement-events-value", EngagementV1, Ct);
        Write("EngagementEvent.avsc", Record("EngagementEvent", UserId, Weight));

        var run = await CliRun.InvokeAsync("schemas", "check", "--dir", _dir, "--against", "registry:" + _server.Url, "--compatibility", "FULL");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("under FULL", run.Output);
    }

    [Fact]
    public async Task Check_against_the_registry_reports_a_registered_contract_missing_from_the_folder_as_removed()
    {
        await _server.Registry.RegisterAsync("engagement-events-value", EngagementV1, Ct);
        await _server.Registry.RegisterAsync("catalog-items-value", CatalogV1, Ct);
        Write("EngagementEvent.avsc", EngagementV1);

        var run = await CliRun.InvokeAsync("schemas", "check", "--dir", _dir, "--against", "registry:" + _server.Url);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("REMOVED   CatalogItem.avsc", run.Output);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private void Write(string fileName, string text) => File.WriteAllText(Path.Combine(_dir, fileName), text);

    private Task<CliRun> Register(params string[] extra) =>
        CliRun.InvokeAsync(["schemas", "register", "--registry", _server.Url, "--dir", _dir, .. extra]);
}
