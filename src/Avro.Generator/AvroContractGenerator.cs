using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using RecoStreams.Avro.Generator.Compatibility;
using RecoStreams.Avro.Generator.Emit;
using RecoStreams.Avro.Generator.Json;
using RecoStreams.Avro.Generator.Schemas;

namespace RecoStreams.Avro.Generator;

/// <summary>
/// Generates the typed contracts from the .avsc files given as AdditionalFiles: per file, the C#
/// types of its records and enums and a <c>{Record}Contract</c> codec. An AdditionalFile with the
/// metadata <c>AvroBaseline="true"</c> is the previous version of the contract of the same file name;
/// an edit that is not compatible with it under the MSBuild property <c>AvroCompatibility</c>
/// (BACKWARD by default, as <c>schemas check</c>) fails the build.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class AvroContractGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Where(static t => t.Path.EndsWith(".avsc", StringComparison.OrdinalIgnoreCase))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, cancellationToken) =>
            {
                var (text, options) = pair;
                var isBaseline = options.GetOptions(text).TryGetValue("build_metadata.AdditionalFiles.AvroBaseline", out var flag)
                    && string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase);
                return (text.Path, Text: text.GetText(cancellationToken)?.ToString() ?? "", isBaseline);
            })
            .Collect();
        var settings = context.AnalyzerConfigOptionsProvider.Select(static (options, _) =>
        {
            var ns = options.GlobalOptions.TryGetValue("build_property.AvroContractNamespace", out var value) && !string.IsNullOrWhiteSpace(value)
                ? value
                : options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var root) && !string.IsNullOrWhiteSpace(root)
                    ? root + ".Contracts"
                    : "Avro.Contracts";
            options.GlobalOptions.TryGetValue("build_property.AvroCompatibility", out var compatibility);
            return (Namespace: ns, Compatibility: compatibility ?? "");
        });
        context.RegisterSourceOutput(files.Combine(settings), static (output, input) => Generate(output, input.Left, input.Right.Namespace, input.Right.Compatibility));
    }

    private static void Generate(SourceProductionContext output, ImmutableArray<(string Path, string Text, bool IsBaseline)> files, string ns, string compatibility)
    {
        if (!SchemaCompatibility.TryParse(compatibility, out var level))
        {
            output.ReportDiagnostic(Diagnostic.Create(AvroDiagnostics.InvalidSetting, Location.None, "AvroCompatibility", compatibility, "BACKWARD, FORWARD, FULL or NONE"));
            return;
        }

        var baselines = new Dictionary<string, RecordType>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files.Where(f => f.IsBaseline))
        {
            try
            {
                baselines[Path.GetFileName(file.Path)] = SchemaReader.ReadFile(file.Text).Root;
            }
            catch (SchemaFileException)
            {
                // A baseline that no longer parses cannot be compared with; the current file is still checked for validity.
            }
        }

        var emitted = new Dictionary<string, (string File, string Canonical)>(StringComparer.Ordinal);
        foreach (var file in files.Where(f => !f.IsBaseline).OrderBy(f => Path.GetFileName(f.Path), StringComparer.Ordinal))
        {
            output.CancellationToken.ThrowIfCancellationRequested();
            var name = Path.GetFileName(file.Path);
            try
            {
                var text = file.Text.TrimStart('\uFEFF');
                var (root, named) = SchemaReader.ReadFile(text);
                var sources = Emit(root, named, name, ns, text);
                foreach (var type in named)
                {
                    var canonical = CanonicalForm.Of(type);
                    if (emitted.TryGetValue(type.FullName, out var first))
                    {
                        if (first.Canonical != canonical)
                        {
                            output.ReportDiagnostic(Diagnostic.Create(AvroDiagnostics.DuplicateType, LocationOf(file.Path, text, type.Definition), type.FullName, first.File));
                        }

                        sources.Remove(type.FullName);
                        continue;
                    }

                    emitted[type.FullName] = (name, canonical);
                }

                if (baselines.TryGetValue(name, out var baseline))
                {
                    foreach (var problem in SchemaCompatibility.Check(root, baseline, level))
                    {
                        output.ReportDiagnostic(Diagnostic.Create(AvroDiagnostics.BreakingChange, LocationOf(file.Path, text, problem.At), problem.Message));
                    }
                }

                foreach (var source in sources)
                {
                    output.AddSource(source.Key + ".g.cs", SourceText.From(source.Value, Encoding.UTF8));
                }
            }
            catch (SchemaFileException e)
            {
                output.ReportDiagnostic(Diagnostic.Create(AvroDiagnostics.InvalidSchema, LocationOf(file.Path, file.Text, e.Position, e.Length), e.Message));
            }
        }
    }

    /// <summary>Source per named type (by full name) and the contract; throws for what cannot be mapped to C#.</summary>
    private static Dictionary<string, string> Emit(RecordType root, IReadOnlyList<NamedType> named, string file, string ns, string text)
    {
        CheckMappable(named);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in named)
        {
            sources[type.FullName] = TypeEmitter.Emit(type, file, ns);
        }

        sources[root.FullName + "Contract"] = CodecEmitter.Emit(root, file, ns, text, CanonicalForm.Fingerprint(root));
        return sources;
    }

    /// <summary>C# rules the schema must also meet: unique member names, and collections a decoder can bound.</summary>
    private static void CheckMappable(IReadOnlyList<NamedType> named)
    {
        var typeNames = new Dictionary<string, NamedType>(StringComparer.Ordinal);
        foreach (var type in named)
        {
            var csharp = CSharpNames.Pascal(type.Name);
            if (typeNames.TryGetValue(csharp, out var other))
            {
                throw new SchemaFileException($"{type.FullName} and {other.FullName} would both be the C# type {csharp}", type.Definition);
            }

            typeNames[csharp] = type;
            if (type is EnumType e)
            {
                var members = new HashSet<string>(StringComparer.Ordinal);
                foreach (var symbol in e.Symbols.Where(s => !members.Add(CSharpNames.Pascal(s))))
                {
                    throw new SchemaFileException($"enum {e.Name}: symbol '{symbol}' would repeat the C# member {CSharpNames.Pascal(symbol)}", e.Definition);
                }
            }

            if (type is not RecordType record)
            {
                continue;
            }

            var properties = new HashSet<string>(StringComparer.Ordinal);
            foreach (var field in record.Fields)
            {
                var property = CSharpNames.Pascal(field.Name);
                if (!properties.Add(property) || property == csharp)
                {
                    throw new SchemaFileException($"field '{field.Name}' of {record.Name} would be the C# property {property}, which {(property == csharp ? "is the record's own name" : "another field already is")}", field.Definition);
                }

                _ = CSharpTypes.Of(field.Type);
                CheckBounded(field.Type, field);
            }
        }
    }

    // A decoder checks a block's item count against the bytes left; items that can take no bytes would defeat that.
    private static void CheckBounded(AvroType type, RecordField field)
    {
        switch (type)
        {
            case ArrayType array when CSharpTypes.MinimumBytes(array.Items) == 0:
                throw new SchemaFileException($"field '{field.Name}': array items that can encode to zero bytes (null, or a record of nulls) are not supported", type.Definition);
            case ArrayType array:
                CheckBounded(array.Items, field);
                break;
            case MapType map:
                CheckBounded(map.Values, field);
                break;
            case UnionType union:
                foreach (var branch in union.Branches)
                {
                    CheckBounded(branch, field);
                }

                break;
        }
    }

    private static Location LocationOf(string path, string text, JsonValue at) => LocationOf(path, text, at.Position, at.Length);

    private static Location LocationOf(string path, string text, TextPosition at, int length)
    {
        var start = Math.Min(at.Offset, text.Length);
        var end = Math.Min(start + Math.Max(length, 0), text.Length);
        var endLine = at.Line;
        var endColumn = at.Column;
        for (var i = start; i < end; i++)
        {
            if (text[i] == '\n')
            {
                endLine++;
                endColumn = 0;
            }
            else
            {
                endColumn++;
            }
        }

        return Location.Create(path, TextSpan.FromBounds(start, end), new LinePositionSpan(new LinePosition(at.Line, at.Column), new LinePosition(endLine, endColumn)));
    }
}
