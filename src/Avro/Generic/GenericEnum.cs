using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Generic;

/// <summary>An enum value held generically: its schema and symbol.</summary>
public sealed record GenericEnum
{
    /// <summary>Creates an enum value; the symbol must belong to the schema.</summary>
    public GenericEnum(EnumSchema schema, string symbol)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var ordinal = schema.OrdinalOf(symbol);
        if (ordinal < 0)
        {
            throw new ArgumentException($"'{symbol}' is not a symbol of enum {schema.Name}", nameof(symbol));
        }

        Schema = schema;
        Symbol = symbol;
        Ordinal = ordinal;
    }

    /// <summary>The enum's schema.</summary>
    public EnumSchema Schema { get; }

    /// <summary>The symbol.</summary>
    public string Symbol { get; }

    /// <summary>The symbol's position in the schema.</summary>
    public int Ordinal { get; }

    /// <summary>Equal when the enum names and symbols match.</summary>
    public bool Equals(GenericEnum? other) => other is not null && other.Schema.Name == Schema.Name && other.Symbol == Symbol;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Schema.Name, Symbol);

    /// <inheritdoc />
    public override string ToString() => Symbol;
}
