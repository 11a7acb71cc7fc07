using System.Text.Json.Nodes;
using RecoStreams.Avro.Compatibility;
using RecoStreams.Avro.Contracts.Evolution;
using Xunit;

namespace RecoStreams.Avro.Tests.Contracts;

/// <summary>The evolution check on real edits of the contract files.</summary>
public sealed class SchemaEvolutionCheckTests
{
    private static string Edit(string name, Action<JsonArray> editFields)
    {
        var json = JsonNode.Parse(ContractSchemaFiles.Read(name))!.AsObject();
        editFields(json["fields"]!.AsArray());
        return json.ToJsonString();
    }

    private static JsonNode Field(JsonArray fields, string name) => fields.Single(f => (string?)f!["name"] == name)!;

    private static SchemaEvolutionReport CheckOne(string name, string edited, CompatibilityLevel level) =>
        SchemaEvolutionCheck.Run([new SchemaFileVersions(name + ".avsc", edited, [ContractSchemaFiles.Read(name)])], level);

    [Fact]
    public void Unchanged_contracts_are_ok_under_full_transitive()
    {
        var files = ContractSchemaFiles.Names.Select(n => new SchemaFileVersions(n + ".avsc", ContractSchemaFiles.Read(n), [ContractSchemaFiles.Read(n)]));

        var report = SchemaEvolutionCheck.Run(files, CompatibilityLevel.FullTransitive);

        Assert.True(report.IsCompatible, report.ToText());
        Assert.Equal(5, report.Files.Count);
        Assert.Contains("Verdict: OK (5 files)", report.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_a_field_with_a_default_is_ok_under_backward_and_forward()
    {
        var edited = Edit("EngagementEvent", f => f.Add(JsonNode.Parse("""{"name":"device","type":["null","string"],"default":null,"doc":"Device class."}""")));

        Assert.True(CheckOne("EngagementEvent", edited, CompatibilityLevel.Full).IsCompatible);
    }

    [Fact]
    public void Adding_a_field_without_a_default_breaks_backward_and_names_the_field()
    {
        var edited = Edit("CatalogItem", f => f.Add(JsonNode.Parse("""{"name":"country","type":"string","doc":"Country."}""")));

        var report = CheckOne("CatalogItem", edited, CompatibilityLevel.Backward);

        var file = Assert.Single(report.Files);
        Assert.Equal(FileEvolutionStatus.Breaking, file.Status);
        var change = Assert.Single(file.Changes);
        Assert.Equal(IncompatibilityKind.ReaderFieldMissingDefault, change.Kind);
        Assert.Equal("/fields/11", change.Path);
        Assert.Contains("country", report.ToText(), StringComparison.Ordinal);
        Assert.Contains("Verdict: BREAKING (1 of 1 files)", report.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_a_field_without_default_breaks_forward_but_not_backward()
    {
        var edited = Edit("RecommendationFeedback", f => f.Remove(Field(f, "position")));

        var forward = CheckOne("RecommendationFeedback", edited, CompatibilityLevel.Forward);
        var backward = CheckOne("RecommendationFeedback", edited, CompatibilityLevel.Backward);

        Assert.False(forward.IsCompatible);
        Assert.Contains(forward.Files[0].Changes, c => c.Kind == IncompatibilityKind.ReaderFieldMissingDefault && c.Detail == "position");
        Assert.True(backward.IsCompatible, backward.ToText());
    }

    [Fact]
    public void A_new_enum_symbol_is_forward_compatible_thanks_to_the_unknown_default()
    {
        var edited = Edit("EngagementEvent", f => Field(f, "event_type")["type"]!["symbols"]!.AsArray().Insert(8, "SHARE"));

        Assert.True(CheckOne("EngagementEvent", edited, CompatibilityLevel.FullTransitive).IsCompatible);
    }

    [Fact]
    public void Changing_a_field_type_breaks_and_reports_the_type_path()
    {
        var edited = Edit("ItemStats", f => Field(f, "updated_at")["type"] = "string");

        var report = CheckOne("ItemStats", edited, CompatibilityLevel.Backward);

        var change = Assert.Single(report.Files[0].Changes);
        Assert.Equal(IncompatibilityKind.TypeMismatch, change.Kind);
        Assert.Equal("/fields/1/type", change.Path);
    }

    [Fact]
    public void Transitive_levels_compare_with_every_previous_version()
    {
        var v1 = ContractSchemaFiles.Read("RecommendationFeedback");
        var v2 = Edit("RecommendationFeedback", f => f.Remove(Field(f, "position")));
        var v3 = Edit("RecommendationFeedback", f => Field(f, "position")["default"] = 0);
        var v4 = Edit("RecommendationFeedback", f => { });

        // v4 (position without default) reads v3 data fine but not v2 data, which has no position.
        var plain = SchemaEvolutionCheck.Run([new SchemaFileVersions("f.avsc", v4, [v1, v2, v3])], CompatibilityLevel.Backward);
        var transitive = SchemaEvolutionCheck.Run([new SchemaFileVersions("f.avsc", v4, [v1, v2, v3])], CompatibilityLevel.BackwardTransitive);

        Assert.True(plain.IsCompatible, plain.ToText());
        Assert.False(transitive.IsCompatible);
        Assert.Contains("version 2 of 3", transitive.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void New_removed_and_invalid_files_are_reported_with_their_own_status()
    {
        var report = SchemaEvolutionCheck.Run(
        [
            new SchemaFileVersions("New.avsc", ContractSchemaFiles.Read("ItemStats"), []),
            new SchemaFileVersions("Gone.avsc", null, [ContractSchemaFiles.Read("ItemStats")]),
            new SchemaFileVersions("Broken.avsc", "{\"type\":\"record\"", [ContractSchemaFiles.Read("ItemStats")]),
        ], CompatibilityLevel.Backward);

        Assert.Equal(
            [("Broken.avsc", FileEvolutionStatus.Invalid), ("Gone.avsc", FileEvolutionStatus.Removed), ("New.avsc", FileEvolutionStatus.New)],
            report.Files.Select(f => (f.Name, f.Status)));
        Assert.False(report.IsCompatible);
        Assert.Contains("current version is not a valid schema", report.ToText(), StringComparison.Ordinal);
    }
}
