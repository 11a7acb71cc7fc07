using RecoStreams.Avro.Compatibility;
using RecoStreams.Avro.Contracts.Evolution;
using RecoStreams.Avro.Generator.Tests.Support;
using Xunit;

namespace RecoStreams.Avro.Generator.Tests;

/// <summary>
/// The build's check (the generator's copy of the resolution rules) and `schemas check` (the runtime's
/// CompatibilityChecker) give the same verdict on the same edit, at every level the build supports.
/// </summary>
public sealed class CompatibilityAgreementTests
{
    private const string Baseline = """
        {
          "type": "record", "name": "Order", "namespace": "test.orders", "doc": "An order.",
          "fields": [
            { "name": "order_id", "type": "string", "doc": "Id." },
            { "name": "quantity", "type": "int", "doc": "How many." },
            { "name": "note", "type": ["null", "string"], "default": null, "doc": "Note." },
            { "name": "status", "type": { "type": "enum", "name": "Status", "symbols": ["OPEN", "CLOSED"] }, "doc": "Status." },
            { "name": "tags", "type": { "type": "array", "items": "string" }, "default": [], "doc": "Tags." }
          ]
        }
        """;

    public static TheoryData<string, string, string> Edits => new()
    {
        { "adds an optional field", "\"fields\": [", "\"fields\": [ { \"name\": \"channel\", \"type\": [\"null\", \"string\"], \"default\": null, \"doc\": \"C.\" }," },
        { "adds a required field", "\"fields\": [", "\"fields\": [ { \"name\": \"channel\", \"type\": \"string\", \"doc\": \"C.\" }," },
        { "removes a field with a default", "{ \"name\": \"note\", \"type\": [\"null\", \"string\"], \"default\": null, \"doc\": \"Note.\" },", "" },
        { "removes a field without a default", "{ \"name\": \"quantity\", \"type\": \"int\", \"doc\": \"How many.\" },", "" },
        { "widens int to long", "\"name\": \"quantity\", \"type\": \"int\"", "\"name\": \"quantity\", \"type\": \"long\"" },
        { "changes int to string", "\"name\": \"quantity\", \"type\": \"int\"", "\"name\": \"quantity\", \"type\": \"string\"" },
        { "makes a string optional", "{ \"name\": \"order_id\", \"type\": \"string\"", "{ \"name\": \"order_id\", \"type\": [\"null\", \"string\"], \"default\": null" },
        { "adds an enum symbol", "[\"OPEN\", \"CLOSED\"]", "[\"OPEN\", \"CLOSED\", \"VOID\"]" },
        { "removes an enum symbol", "[\"OPEN\", \"CLOSED\"]", "[\"OPEN\"]" },
        { "renames a field with an alias", "{ \"name\": \"quantity\", \"type\": \"int\",", "{ \"name\": \"amount\", \"aliases\": [\"quantity\"], \"type\": \"int\"," },
        { "renames a field without an alias", "{ \"name\": \"quantity\", \"type\": \"int\",", "{ \"name\": \"amount\", \"type\": \"int\"," },
        { "changes array items", "\"items\": \"string\"", "\"items\": \"int\"" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void Build_and_schemas_check_agree(string edit, string from, string to)
    {
        Assert.Contains(from, Baseline, StringComparison.Ordinal);
        var edited = Baseline.Replace(from, to, StringComparison.Ordinal);

        foreach (var (build, runtime) in new[] { ("BACKWARD", CompatibilityLevel.Backward), ("FORWARD", CompatibilityLevel.Forward), ("FULL", CompatibilityLevel.Full) })
        {
            var report = SchemaEvolutionCheck.Run([new SchemaFileVersions("Order.avsc", edited, [Baseline])], runtime);
            var run = GeneratorHarness.Run(
                [new SchemaInput("/s/Order.avsc", edited), new SchemaInput("/baseline/Order.avsc", Baseline, IsBaseline: true)],
                compatibility: build);

            Assert.True(
                report.IsCompatible == run.Diagnostics.IsEmpty,
                $"{edit} under {build}: schemas check says {(report.IsCompatible ? "compatible" : "breaking")}, the build reported [{string.Join("; ", run.Diagnostics)}]");
        }
    }
}
