using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RecoStreams.Avro.Contracts;
using Xunit;

namespace RecoStreams.Avro.Generator.Tests.Support;

/// <summary>One .avsc given to the generator; a baseline is the previous version of the file of the same name.</summary>
internal sealed record SchemaInput(string Path, string Text, bool IsBaseline = false);

/// <summary>Runs <see cref="AvroContractGenerator"/> through Roslyn's generator driver, as the compiler does in a build.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => MetadataReference.CreateFromFile(p)),
        MetadataReference.CreateFromFile(typeof(IAvroContract<>).Assembly.Location),
    ]);

    /// <summary>Runs the generator over <paramref name="files"/> and compiles its output into a fresh compilation.</summary>
    public static GeneratorRun Run(IEnumerable<SchemaInput> files, string ns = "Generated.Contracts", string compatibility = "BACKWARD")
    {
        var inputs = files.ToList();
        var compilation = CSharpCompilation.Create(
            "GeneratedContracts" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText("global using System;\nglobal using System.Collections.Generic;", new CSharpParseOptions(LanguageVersion.Preview))],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new AvroContractGenerator().AsSourceGenerator()],
            [.. inputs.Select(f => (AdditionalText)new InMemoryText(f.Path, f.Text))],
            new CSharpParseOptions(LanguageVersion.Preview),
            new Options(ns, compatibility, [.. inputs.Where(f => f.IsBaseline).Select(f => f.Path)]));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        return new GeneratorRun(output, generatorDiagnostics, driver.GetRunResult());
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class Options(string ns, string compatibility, HashSet<string> baselines) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(new()
        {
            ["build_property.AvroContractNamespace"] = ns,
            ["build_property.AvroCompatibility"] = compatibility,
        });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            new Values(baselines.Contains(textFile.Path) ? new() { ["build_metadata.AdditionalFiles.AvroBaseline"] = "true" } : []);

        private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}

/// <summary>What one generator run produced.</summary>
internal sealed record GeneratorRun(Compilation Output, ImmutableArray<Diagnostic> Diagnostics, GeneratorDriverRunResult Result)
{
    /// <summary>The generated source of <paramref name="hintName"/> (e.g. test.generator.Everything.g.cs).</summary>
    public string Source(string hintName) =>
        Result.Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

    /// <summary>Compiles the generated code with the runtime library and loads it; fails the test on any generator diagnostic or compiler error.</summary>
    public Assembly Load()
    {
        Assert.True(Diagnostics.IsEmpty, string.Join("\n", Diagnostics));
        using var image = new MemoryStream();
        var emitted = Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(image.ToArray());
    }
}
