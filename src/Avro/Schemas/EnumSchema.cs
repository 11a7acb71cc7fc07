using System.Text.Json;

namespace RecoStreams.Avro.Schemas;

/// <summary>An enum schema: a named, ordered set of symbols, with an optional default for unknown symbols.</summary>
public sealed class EnumSchema : NamedSchema
{
    private readonly Dictionary<string, int> _ordinals;

    /// <summary>Creates an enum; symbols must be unique valid names, and a default must be one of them.</summary>
    public EnumSchema(SchemaName name, IReadOnlyList<string> symbols, string? defaultSymbol = null, IReadOnlyList<SchemaName>? aliases = null,
        string? doc = null, IReadOnlyDictionary<string, JsonElement>? properties = null)
        : base(AvroType.Enum, name, aliases, doc, null, properties)
    {
        _ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < symbols.Count; i++)
        {
            if (!_ordinals.TryAdd(symbols[i], i))
            {
                throw new AvroSchemaException($"{name.Name}.symbols[{i}]: duplicate enum symbol '{symbols[i]}'");
            }
        }

        if (defaultSymbol is not null && !_ordinals.ContainsKey(defaultSymbol))
        {
            throw new AvroSchemaException($"{name.Name}.default: '{defaultSymbol}' is not one of the symbols");
        }

        Symbols = symbols;
        Default = defaultSymbol;
    }

    /// <summary>The symbols; a symbol's index is its ordinal on the wire.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>The symbol a reader uses for writer symbols it does not know, or null.</summary>
    public string? Default { get; }

    /// <summary>The ordinal of <paramref name="symbol"/>, or -1 if it is not a symbol of this enum.</summary>
    public int OrdinalOf(string symbol) => _ordinals.GetValueOrDefault(symbol, -1);
}
