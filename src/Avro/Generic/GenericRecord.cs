using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Generic;

/// <summary>A record value held generically: its schema and one value per field, in field order.</summary>
public sealed class GenericRecord : IEquatable<GenericRecord>
{
    private readonly object?[] _values;

    /// <summary>Creates a record with every field set to null.</summary>
    public GenericRecord(RecordSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        _values = new object?[schema.Fields.Count];
    }

    /// <summary>The record's schema.</summary>
    public RecordSchema Schema { get; }

    /// <summary>The value of the field at <paramref name="position"/>.</summary>
    public object? this[int position]
    {
        get => _values[position];
        set => _values[position] = value;
    }

    /// <summary>The value of the field named <paramref name="fieldName"/>.</summary>
    /// <exception cref="KeyNotFoundException">The record has no such field.</exception>
    public object? this[string fieldName]
    {
        get => _values[PositionOf(fieldName)];
        set => _values[PositionOf(fieldName)] = value;
    }

    /// <summary>Gets a field value if the record has a field of that name.</summary>
    public bool TryGetValue(string fieldName, out object? value)
    {
        var field = Schema.GetField(fieldName);
        value = field is null ? null : _values[field.Position];
        return field is not null;
    }

    /// <inheritdoc />
    public bool Equals(GenericRecord? other)
    {
        if (other is null || other.Schema.Name != Schema.Name || other._values.Length != _values.Length)
        {
            return false;
        }

        for (var i = 0; i < _values.Length; i++)
        {
            if (!GenericDataEquality.ValuesEqual(_values[i], other._values[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as GenericRecord);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Schema.Name, _values.Length);

    /// <inheritdoc />
    public override string ToString() =>
        "{" + string.Join(", ", Schema.Fields.Select(f => $"\"{f.Name}\": {GenericDataEquality.Format(_values[f.Position])}")) + "}";

    private int PositionOf(string fieldName) =>
        Schema.GetField(fieldName)?.Position ?? throw new KeyNotFoundException($"record {Schema.Name} has no field '{fieldName}'");
}
