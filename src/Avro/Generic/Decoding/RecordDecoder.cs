using System.Runtime.CompilerServices;
using RecoStreams.Avro.IO;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Generic.Decoding;

/// <summary>
/// Decodes a record: writer fields in wire order, each either read into its reader position or
/// skipped; then reader-only fields get their defaults. Created empty and completed by
/// <see cref="Complete"/> so recursive records can point at their own decoder.
/// </summary>
internal sealed class RecordDecoder(RecordSchema reader) : ValueDecoder
{
    /// <summary>A writer field: decode with <see cref="Decoder"/> into reader position <see cref="ReaderPosition"/>, or skip when it is -1.</summary>
    public readonly record struct Step(ValueDecoder Decoder, int ReaderPosition);

    /// <summary>A reader field the writer lacks, filled with its default.</summary>
    public readonly record struct DefaultFill(int ReaderPosition, object? Value, bool Immutable);

    private Step[] _steps = [];
    private DefaultFill[] _defaults = [];

    public void Complete(Step[] steps, DefaultFill[] defaults)
    {
        _steps = steps;
        _defaults = defaults;
    }

    public override object Read(ref AvroBinaryReader input)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var record = new GenericRecord(reader);
        foreach (var step in _steps)
        {
            if (step.ReaderPosition >= 0)
            {
                record[step.ReaderPosition] = step.Decoder.Read(ref input);
            }
            else
            {
                step.Decoder.Skip(ref input);
            }
        }

        foreach (var fill in _defaults)
        {
            record[fill.ReaderPosition] = fill.Immutable ? fill.Value : GenericDataCopy.DeepCopy(fill.Value);
        }

        return record;
    }

    public override void Skip(ref AvroBinaryReader input)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        foreach (var step in _steps)
        {
            step.Decoder.Skip(ref input);
        }
    }
}

/// <summary>Decodes a writer union: reads the branch index, then uses that branch's decoder.</summary>
internal sealed class UnionDecoder(ValueDecoder[] branches) : ValueDecoder
{
    public override object? Read(ref AvroBinaryReader reader)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        return branches[reader.ReadUnionIndex(branches.Length)].Read(ref reader);
    }

    public override void Skip(ref AvroBinaryReader reader)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        branches[reader.ReadUnionIndex(branches.Length)].Skip(ref reader);
    }
}
