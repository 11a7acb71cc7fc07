using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Generic;

/// <summary>A fixed value held generically: its schema and exactly <see cref="FixedSchema.Size"/> bytes.</summary>
public sealed class GenericFixed : IEquatable<GenericFixed>
{
    /// <summary>Creates a fixed value; the byte count must equal the schema's size.</summary>
    public GenericFixed(FixedSchema schema, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length != schema.Size)
        {
            throw new ArgumentException($"fixed {schema.Name} needs {schema.Size} bytes, got {value.Length}", nameof(value));
        }

        Schema = schema;
        Value = value;
    }

    /// <summary>The fixed's schema.</summary>
    public FixedSchema Schema { get; }

    /// <summary>The bytes.</summary>
    public byte[] Value { get; }

    /// <inheritdoc />
    public bool Equals(GenericFixed? other) => other is not null && other.Schema.Name == Schema.Name && other.Value.AsSpan().SequenceEqual(Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as GenericFixed);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Schema.Name, Value.Length);

    /// <inheritdoc />
    public override string ToString() => Convert.ToHexString(Value);
}
