namespace RecoStreams.Avro.Compatibility;

/// <summary>The kinds of breaking change the checker reports.</summary>
public enum IncompatibilityKind
{
    /// <summary>A reader field is absent from the writer and has no default.</summary>
    ReaderFieldMissingDefault,
    /// <summary>Writer and reader types differ and no promotion applies.</summary>
    TypeMismatch,
    /// <summary>The writer has enum symbols the reader lacks, and the reader enum has no default.</summary>
    MissingEnumSymbols,
    /// <summary>A writer type has no matching branch in the reader's union.</summary>
    MissingUnionBranch,
    /// <summary>Named types differ in name and no reader alias covers the writer's name.</summary>
    NameMismatch,
    /// <summary>Fixed types differ in size.</summary>
    FixedSizeMismatch,
}

/// <summary>
/// One breaking change: what kind, where (a JSON-pointer-like path in the reader schema), a human
/// explanation, and, from <see cref="CompatibilityChecker"/>, which direction and version it breaks.
/// </summary>
public sealed record Incompatibility(IncompatibilityKind Kind, string Path, string Detail, string? Context = null)
{
    /// <summary>The kind in the registry's SCREAMING_SNAKE_CASE style, e.g. <c>READER_FIELD_MISSING_DEFAULT</c>.</summary>
    public string KindName => Kind switch
    {
        IncompatibilityKind.ReaderFieldMissingDefault => "READER_FIELD_MISSING_DEFAULT",
        IncompatibilityKind.TypeMismatch => "TYPE_MISMATCH",
        IncompatibilityKind.MissingEnumSymbols => "MISSING_ENUM_SYMBOLS",
        IncompatibilityKind.MissingUnionBranch => "MISSING_UNION_BRANCH",
        IncompatibilityKind.NameMismatch => "NAME_MISMATCH",
        _ => "FIXED_SIZE_MISMATCH",
    };

    /// <summary>E.g. <c>READER_FIELD_MISSING_DEFAULT at /fields/4 (watch_seconds)</c>.</summary>
    public override string ToString() => $"{KindName} at {Path} ({Detail})";
}

/// <summary>The outcome of a compatibility check: compatible when there are no incompatibilities.</summary>
public sealed record CompatibilityResult(IReadOnlyList<Incompatibility> Incompatibilities)
{
    /// <summary>A result with no incompatibilities.</summary>
    public static CompatibilityResult Compatible { get; } = new([]);

    /// <summary>True when nothing breaks.</summary>
    public bool IsCompatible => Incompatibilities.Count == 0;

    /// <inheritdoc />
    public override string ToString() => IsCompatible ? "compatible"
        : string.Join("; ", Incompatibilities.Select(x => x.Context is null ? x.ToString() : $"{x} [{x.Context}]"));
}
