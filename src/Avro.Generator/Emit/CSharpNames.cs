using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RecoStreams.Avro.Generator.Emit;

/// <summary>How Avro names become C# names: snake_case and SCREAMING_CASE become PascalCase.</summary>
internal static class CSharpNames
{
    private static readonly HashSet<string> Keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    ];

    /// <summary>item_id → ItemId, ADD_TO_CART → AddToCart, itemId → ItemId.</summary>
    public static string Pascal(string avroName)
    {
        var allUpper = !avroName.Any(char.IsLower);
        var text = new StringBuilder(avroName.Length);
        var upperNext = true;
        foreach (var c in avroName)
        {
            if (c == '_')
            {
                upperNext = true;
                continue;
            }

            text.Append(upperNext ? char.ToUpperInvariant(c) : allUpper ? char.ToLowerInvariant(c) : c);
            upperNext = false;
        }

        // A name of only underscores, or starting with a digit after them, still needs a valid identifier.
        return text.Length == 0 || char.IsDigit(text[0]) ? "_" + text : text.ToString();
    }

    // Names the generated methods use for their parameters; a local named after a field must not hide them.
    private static readonly HashSet<string> Parameters = ["value", "writer", "reader", "record", "item"];

    /// <summary>A local variable for a field's value: its camelCase name, kept clear of keywords and the generated parameters.</summary>
    public static string Local(string avroName)
    {
        var camel = Camel(avroName);
        return Parameters.Contains(camel) ? camel + "Field" : camel;
    }

    /// <summary>item_id → itemId, escaped when it is a C# keyword.</summary>
    public static string Camel(string avroName)
    {
        var pascal = Pascal(avroName);
        var camel = char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        return Keywords.Contains(camel) ? "@" + camel : camel;
    }

    /// <summary>Text safe inside an XML doc comment.</summary>
    public static string Xml(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\r", "").Replace("\n", " ");

    /// <summary>A C# string literal.</summary>
    public static string Literal(string text)
    {
        var literal = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            literal.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                < ' ' => "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return literal.Append('"').ToString();
    }
}
