using Microsoft.CodeAnalysis;

namespace RecoStreams.Avro.Generator;

/// <summary>The generator's build errors; each is located at the line of the .avsc file it is about.</summary>
internal static class AvroDiagnostics
{
    private const string Category = "RecoStreams.Avro";

    public static readonly DiagnosticDescriptor InvalidSchema = new(
        "RSAVRO001",
        "Invalid Avro schema",
        "{0}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The .avsc file is not valid JSON, not a valid Avro schema, or uses a construct the contract generator has no C# mapping for.");

    public static readonly DiagnosticDescriptor DuplicateType = new(
        "RSAVRO002",
        "Avro type defined differently in two files",
        "The type {0} is also defined in {1}, differently; one C# type cannot be both",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BreakingChange = new(
        "RSAVRO003",
        "Incompatible schema change",
        "{0}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Under the AvroCompatibility level (BACKWARD by default), the edited schema cannot read data written with its baseline version, or the baseline cannot read data written with it. Add fields only with a default; never remove a field without a default, rename without an alias or change a type.");

    public static readonly DiagnosticDescriptor InvalidSetting = new(
        "RSAVRO004",
        "Invalid generator setting",
        "The MSBuild property {0} is '{1}'; expected {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);
}
