using System;

namespace RecoStreams.Avro.Generator.Json;

/// <summary>The text is not JSON, or not a valid schema; carries where in the file.</summary>
internal sealed class SchemaFileException : Exception
{
    public SchemaFileException(string message, TextPosition position, int length = 1)
        : base(message)
    {
        Position = position;
        Length = length;
    }

    public SchemaFileException(string message, JsonValue at)
        : this(message, at.Position, at.Length)
    {
    }

    public TextPosition Position { get; }

    public int Length { get; }
}
