using Microsoft.CodeAnalysis;
using RecoStreams.Avro.Compatibility;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Contracts.Evolution;
using RecoStreams.Avro.Generator.Tests.Support;
using RecoStreams.Avro.Generic;
using Xunit;

namespace RecoStreams.Avro.Generator.Tests;

/// <summary>
/// A data engineer's change is one edit to a copy of a contract file: a field added with a default is
/// compatible (schemas check and the build agree) and old and new producers and consumers exchange
/// data both ways; a field added without a default is rejected by both, naming the field.
/// </summary>
public sealed class SchemaEvolutionTests : IDisposable
{
    private const string FileName = "EngagementEvent.avsc";

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("schema-evolution-");

    private static readonly EngagementEvent Sample = new()
    {
        EventId = Guid.Parse("3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b"),
        UserId = "u-1",
        ItemId = "i-7",
        EventType = EventType.Watch,
        OccurredAt = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000),
        WatchSeconds = 600,
        Context = new Dictionary<string, string> { ["device"] = "tv" },
        Source = "web",
    };

    public void Dispose() => _work.Delete(recursive: true);

    /// <summary>Copies the contract into the temp dir, adds one field before the closing bracket of "fields", and reads it back.</summary>
    private string EditCopy(string field)
    {
        var copy = Path.Combine(_work.FullName, FileName);
        File.Copy(TestSchemas.ContractFile("EngagementEvent"), copy);
        var text = File.ReadAllText(copy);
        var end = text.LastIndexOf("    }\n  ]", StringComparison.Ordinal);
        File.WriteAllText(copy, text[..end] + "    },\n" + field + "\n  ]" + text[(end + "    }\n  ]".Length)..]);
        return copy;
    }

    private static GeneratorRun Generate(string editedPath) => GeneratorHarness.Run(
    [
        new SchemaInput(editedPath, File.ReadAllText(editedPath)),
        new SchemaInput(Path.Combine("baseline", FileName), File.ReadAllText(TestSchemas.ContractFile("EngagementEvent")), IsBaseline: true),
    ]);

    private static SchemaEvolutionReport SchemasCheck(string editedPath, CompatibilityLevel level) =>
        SchemaEvolutionCheck.Run([new SchemaFileVersions(FileName, File.ReadAllText(editedPath), [File.ReadAllText(TestSchemas.ContractFile("EngagementEvent"))])], level);

    [Fact]
    public void A_field_added_with_a_default_is_compatible_and_old_and_new_codecs_interoperate_both_ways()
    {
        var edited = EditCopy("""
                {
                  "name": "referrer",
                  "type": ["null", "string"],
                  "default": null,
                  "doc": "Page or campaign the user came from, when known."
                }
            """);

        var report = SchemasCheck(edited, CompatibilityLevel.Full);
        var run = Generate(edited);

        Assert.True(report.IsCompatible, report.ToText());
        Assert.Empty(run.Diagnostics);
        var current = ContractProbe.Of(EngagementEventContract.Instance);
        var evolved = ContractProbe.Of(run.Load(), "Generated.Contracts.EngagementEventContract");
        var oldBytes = current.Encode(Sample);

        // An old producer's record read by a new consumer: every field arrives, the new one has its default.
        var readByNew = evolved.Decode(oldBytes, current.Schema);
        var asGeneric = evolved.ToGeneric(readByNew);
        Assert.Null(asGeneric["referrer"]);
        Assert.Equal("u-1", asGeneric["user_id"]);

        // A new producer's record, with the new field set, read by an old consumer: the same event as before.
        asGeneric["referrer"] = "newsletter";
        var newBytes = evolved.Encode(evolved.FromGeneric(asGeneric));
        var readByOld = (EngagementEvent)current.Decode(newBytes, evolved.Schema);
        Assert.Equal(oldBytes, current.Encode(readByOld));
        Assert.Equal(Sample with { Context = readByOld.Context }, readByOld);
        Assert.Equal("newsletter", evolved.ToGeneric(evolved.Read(newBytes))["referrer"]);
    }

    [Fact]
    public void A_field_added_without_a_default_is_rejected_by_schemas_check_and_the_build_naming_the_field()
    {
        var edited = EditCopy("""
                {
                  "name": "tenant",
                  "type": "string",
                  "doc": "Owning tenant."
                }
            """);

        var report = SchemasCheck(edited, CompatibilityLevel.Backward);
        var run = Generate(edited);

        Assert.False(report.IsCompatible);
        var file = Assert.Single(report.Files);
        Assert.Equal(FileEvolutionStatus.Breaking, file.Status);
        Assert.Contains(file.Changes, c => c.ToString().Contains("tenant", StringComparison.Ordinal));
        var error = Assert.Single(run.Diagnostics);
        Assert.Equal("RSAVRO003", error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("field 'tenant' of EngagementEvent was added without a default", error.GetMessage(), StringComparison.Ordinal);
        var text = File.ReadAllText(edited);
        Assert.Equal(edited, error.Location.GetLineSpan().Path);
        Assert.Equal(text[..text.IndexOf("\"tenant\"", StringComparison.Ordinal)].Count(c => c == '\n') - 1, error.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Under_full_compatibility_removing_a_field_without_a_default_is_rejected_by_both()
    {
        var baseline = File.ReadAllText(TestSchemas.ContractFile("EngagementEvent"));
        var edited = Path.Combine(_work.FullName, FileName);
        var itemId = baseline.IndexOf("    {\n      \"name\": \"item_id\"", StringComparison.Ordinal);
        var next = baseline.IndexOf("    {\n", itemId + 1, StringComparison.Ordinal);
        File.WriteAllText(edited, baseline[..itemId] + baseline[next..]);

        var report = SchemasCheck(edited, CompatibilityLevel.Full);
        var run = GeneratorHarness.Run(
            [new SchemaInput(edited, File.ReadAllText(edited)), new SchemaInput(Path.Combine("baseline", FileName), baseline, IsBaseline: true)],
            compatibility: "FULL");

        Assert.False(report.IsCompatible);
        Assert.Contains(report.Files.Single().Changes, c => c.ToString().Contains("item_id", StringComparison.Ordinal));
        var error = Assert.Single(run.Diagnostics);
        Assert.Contains("field 'item_id' of EngagementEvent was removed", error.GetMessage(), StringComparison.Ordinal);
    }
}
