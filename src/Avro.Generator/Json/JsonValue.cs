using System.Collections.Generic;

namespace RecoStreams.Avro.Generator.Json;

/// <summary>Where a JSON value starts in its file: 0-based line and column, and the character offset.</summary>
internal readonly struct TextPosition
{
    public TextPosition(int offset, int line, int column)
    {
        Offset = offset;
        Line = line;
        Column = column;
    }

    public int Offset { get; }

    public int Line { get; }

    public int Column { get; }
}

/// <summary>
/// A parsed JSON value that remembers where it came from, so a schema error can name the line.
/// The generator cannot load System.Text.Json into every compiler host, hence this small model.
/// </summary>
internal abstract class JsonValue
{
    protected JsonValue(TextPosition position, int length)
    {
        Position = position;
        Length = length;
    }

    public TextPosition Position { get; }

    /// <summary>Characters the value spans in the file.</summary>
    public int Length { get; }

    /// <summary>Short description for error messages, e.g. "a string" or "an object".</summary>
    public abstract string Kind { get; }
}

internal sealed class JsonObject : JsonValue
{
    public JsonObject(TextPosition position, int length, IReadOnlyList<KeyValuePair<string, JsonValue>> properties)
        : base(position, length) => Properties = properties;

    /// <summary>Members in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonValue>> Properties { get; }

    public override string Kind => "an object";

    public JsonValue? this[string name]
    {
        get
        {
            foreach (var property in Properties)
            {
                if (property.Key == name)
                {
                    return property.Value;
                }
            }

            return null;
        }
    }
}

internal sealed class JsonArray : JsonValue
{
    public JsonArray(TextPosition position, int length, IReadOnlyList<JsonValue> items)
        : base(position, length) => Items = items;

    public IReadOnlyList<JsonValue> Items { get; }

    public override string Kind => "an array";
}

internal sealed class JsonString : JsonValue
{
    public JsonString(TextPosition position, int length, string value)
        : base(position, length) => Value = value;

    public string Value { get; }

    public override string Kind => "a string";
}

/// <summary>A number, kept as its text so defaults are emitted exactly as written.</summary>
internal sealed class JsonNumber : JsonValue
{
    public JsonNumber(TextPosition position, int length, string text)
        : base(position, length) => Text = text;

    public string Text { get; }

    public bool IsInteger => Text.IndexOfAny(['.', 'e', 'E']) < 0;

    public override string Kind => "a number";
}

internal sealed class JsonBoolean : JsonValue
{
    public JsonBoolean(TextPosition position, int length, bool value)
        : base(position, length) => Value = value;

    public bool Value { get; }

    public override string Kind => Value ? "true" : "false";
}

internal sealed class JsonNull : JsonValue
{
    public JsonNull(TextPosition position, int length)
        : base(position, length)
    {
    }

    public override string Kind => "null";
}
