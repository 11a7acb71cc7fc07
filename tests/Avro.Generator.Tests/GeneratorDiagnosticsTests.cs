using Microsoft.CodeAnalysis;
using RecoStreams.Avro.Generator.Tests.Support;
using Xunit;

namespace RecoStreams.Avro.Generator.Tests;

/// <summary>An invalid .avsc fails the build with the file, the line and the reason.</summary>
public sealed class GeneratorDiagnosticsTests
{
    private const string Valid = """
        {
          "type": "record",
          "name": "Order",
          "namespace": "test.orders",
          "doc": "An order.",
          "fields": [
            { "name": "order_id", "type": "string", "doc": "Id." },
            { "name": "amount", "type": "double", "doc": "Amount." }
          ]
        }
        """;

    private static Diagnostic SingleError(string text)
    {
        var run = GeneratorHarness.Run([new SchemaInput("/schemas/Order.avsc", text)]);
        return Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    private static int LineOf(string text, string fragment) =>
        text[..text.IndexOf(fragment, StringComparison.Ordinal)].Count(c => c == '\n');

    [Fact]
    public void The_repository_contracts_generate_without_diagnostics_and_compile()
    {
        var run = GeneratorHarness.Run(TestSchemas.ContractFiles.Select(p => new SchemaInput(p, File.ReadAllText(p))));

        Assert.Empty(run.Diagnostics);
        Assert.NotNull(run.Load().GetType("Generated.Contracts.EngagementEventContract"));
    }

    [Fact]
    public void A_misspelt_type_is_reported_at_its_line_with_the_name()
    {
        var text = Valid.Replace("\"type\": \"double\"", "\"type\": \"doubel\"", StringComparison.Ordinal);

        var error = SingleError(text);

        Assert.Equal("RSAVRO001", error.Id);
        Assert.Equal("/schemas/Order.avsc", error.Location.GetLineSpan().Path);
        Assert.Equal(LineOf(text, "doubel"), error.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("unknown type 'doubel'", error.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_json_is_reported_at_the_line_of_the_syntax_error()
    {
        var text = Valid.Replace("\"doc\": \"Id.\" },", "\"doc\": \"Id.\" }", StringComparison.Ordinal);

        var error = SingleError(text);

        Assert.Equal("RSAVRO001", error.Id);
        Assert.Equal(LineOf(text, "{ \"name\": \"amount\""), error.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("expected ']'", error.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_that_does_not_fit_its_type_names_the_field()
    {
        var text = Valid.Replace("\"type\": \"double\",", "\"type\": \"double\", \"default\": \"zero\",", StringComparison.Ordinal);

        var error = SingleError(text);

        Assert.Contains("field 'amount' of record Order", error.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("\"zero\"", error.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(LineOf(text, "\"zero\""), error.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Theory]
    [InlineData("[\"string\", \"int\"]", "only unions of null and one other type")]
    [InlineData("{ \"type\": \"fixed\", \"name\": \"Hash\", \"size\": 16 }", "fixed types are not supported")]
    [InlineData("{ \"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 9, \"scale\": 2 }", "logical type 'decimal' is not supported")]
    public void A_construct_without_a_csharp_mapping_is_rejected_with_the_reason(string type, string reason)
    {
        var text = Valid.Replace("\"type\": \"double\"", "\"type\": " + type, StringComparison.Ordinal);

        var error = SingleError(text);

        Assert.Contains(reason, error.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(LineOf(text, "\"name\": \"amount\""), error.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void A_top_level_type_other_than_a_record_is_rejected()
    {
        var error = SingleError("""{ "type": "enum", "name": "Colour", "symbols": ["RED"] }""");

        Assert.Contains("must define a record at the top level", error.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_type_defined_differently_in_two_files_is_rejected()
    {
        var other = Valid.Replace("\"name\": \"Order\"", "\"name\": \"Refund\"", StringComparison.Ordinal)
            .Replace("\"fields\": [", "\"fields\": [ { \"name\": \"status\", \"type\": { \"type\": \"enum\", \"name\": \"Status\", \"symbols\": [\"OPEN\"] }, \"doc\": \"S.\" },", StringComparison.Ordinal);
        var order = Valid.Replace("\"fields\": [", "\"fields\": [ { \"name\": \"status\", \"type\": { \"type\": \"enum\", \"name\": \"Status\", \"symbols\": [\"OPEN\", \"CLOSED\"] }, \"doc\": \"S.\" },", StringComparison.Ordinal);

        var run = GeneratorHarness.Run([new SchemaInput("/s/Order.avsc", order), new SchemaInput("/s/Refund.avsc", other)]);

        var error = Assert.Single(run.Diagnostics);
        Assert.Equal("RSAVRO002", error.Id);
        Assert.Contains("test.orders.Status", error.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_file_becomes_a_record_type_and_a_contract_with_no_other_edit()
    {
        var run = GeneratorHarness.Run([new SchemaInput("/s/Order.avsc", Valid)]);

        var record = run.Source("test.orders.Order.g.cs");
        Assert.Contains("public required string OrderId { get; init; }", record, StringComparison.Ordinal);
        Assert.Contains("/// <summary>Amount.</summary>", record, StringComparison.Ordinal);
        Assert.NotNull(run.Load().GetType("Generated.Contracts.OrderContract"));
    }
}
