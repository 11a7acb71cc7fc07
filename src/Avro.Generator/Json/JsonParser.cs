using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace RecoStreams.Avro.Generator.Json;

/// <summary>
/// A strict JSON parser (RFC 8259) that records the line and column of every value. Nesting is
/// capped so a hostile schema file cannot overflow the compiler's stack.
/// </summary>
internal sealed class JsonParser
{
    private const int MaxDepth = 64;

    private readonly string _text;
    private int _offset;
    private int _line;
    private int _lineStart;

    private JsonParser(string text) => _text = text;

    /// <exception cref="SchemaFileException">The text is not one valid JSON value.</exception>
    public static JsonValue Parse(string text)
    {
        var parser = new JsonParser(text);
        parser.SkipWhitespace();
        var value = parser.ParseValue(0);
        parser.SkipWhitespace();
        if (parser._offset < text.Length)
        {
            throw new SchemaFileException("unexpected text after the JSON value", parser.Here());
        }

        return value;
    }

    private TextPosition Here() => new(_offset, _line, _offset - _lineStart);

    private char Peek() => _offset < _text.Length ? _text[_offset] : '\0';

    private JsonValue ParseValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new SchemaFileException($"JSON nested deeper than {MaxDepth} levels", Here());
        }

        if (_offset >= _text.Length)
        {
            throw new SchemaFileException("unexpected end of file, expected a JSON value", Here());
        }

        var start = Here();
        switch (Peek())
        {
            case '{':
                return ParseObject(start, depth);
            case '[':
                return ParseArray(start, depth);
            case '"':
                var value = ParseString();
                return new JsonString(start, _offset - start.Offset, value);
            case 't':
                Expect("true");
                return new JsonBoolean(start, 4, true);
            case 'f':
                Expect("false");
                return new JsonBoolean(start, 5, false);
            case 'n':
                Expect("null");
                return new JsonNull(start, 4);
            default:
                return ParseNumber(start);
        }
    }

    private JsonObject ParseObject(TextPosition start, int depth)
    {
        _offset++;
        var properties = new List<KeyValuePair<string, JsonValue>>();
        SkipWhitespace();
        if (Peek() == '}')
        {
            _offset++;
            return new JsonObject(start, _offset - start.Offset, properties);
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw new SchemaFileException("expected a property name in double quotes", Here());
            }

            var nameAt = Here();
            var name = ParseString();
            foreach (var existing in properties)
            {
                if (existing.Key == name)
                {
                    throw new SchemaFileException($"duplicate property \"{name}\"", nameAt, name.Length + 2);
                }
            }

            SkipWhitespace();
            ExpectChar(':');
            SkipWhitespace();
            properties.Add(new KeyValuePair<string, JsonValue>(name, ParseValue(depth + 1)));
            SkipWhitespace();
            if (Peek() == ',')
            {
                _offset++;
                continue;
            }

            ExpectChar('}');
            return new JsonObject(start, _offset - start.Offset, properties);
        }
    }

    private JsonArray ParseArray(TextPosition start, int depth)
    {
        _offset++;
        var items = new List<JsonValue>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _offset++;
            return new JsonArray(start, _offset - start.Offset, items);
        }

        while (true)
        {
            SkipWhitespace();
            items.Add(ParseValue(depth + 1));
            SkipWhitespace();
            if (Peek() == ',')
            {
                _offset++;
                continue;
            }

            ExpectChar(']');
            return new JsonArray(start, _offset - start.Offset, items);
        }
    }

    private string ParseString()
    {
        var start = Here();
        _offset++;
        var value = new StringBuilder();
        while (true)
        {
            if (_offset >= _text.Length || _text[_offset] == '\n')
            {
                throw new SchemaFileException("unterminated string", start);
            }

            var c = _text[_offset++];
            if (c == '"')
            {
                return value.ToString();
            }

            if (c < ' ')
            {
                throw new SchemaFileException("control character in a string; escape it", new TextPosition(_offset - 1, _line, _offset - 1 - _lineStart));
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            var escape = Peek();
            _offset++;
            switch (escape)
            {
                case '"': value.Append('"'); break;
                case '\\': value.Append('\\'); break;
                case '/': value.Append('/'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'u' when _offset + 4 <= _text.Length
                    && int.TryParse(_text.Substring(_offset, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    value.Append((char)code);
                    _offset += 4;
                    break;
                default:
                    throw new SchemaFileException($"invalid escape '\\{escape}' in a string", new TextPosition(_offset - 2, _line, _offset - 2 - _lineStart), 2);
            }
        }
    }

    private JsonNumber ParseNumber(TextPosition start)
    {
        // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
        if (Peek() == '-')
        {
            _offset++;
        }

        var integerStart = _offset;
        var integerDigits = SkipDigits();
        var valid = integerDigits > 0 && (integerDigits == 1 || _text[integerStart] != '0');
        if (valid && Peek() == '.')
        {
            _offset++;
            valid = SkipDigits() > 0;
        }

        if (valid && Peek() is 'e' or 'E')
        {
            _offset++;
            if (Peek() is '+' or '-')
            {
                _offset++;
            }

            valid = SkipDigits() > 0;
        }

        if (!valid)
        {
            throw new SchemaFileException($"expected a JSON value, found '{Describe(start.Offset)}'", start);
        }

        return new JsonNumber(start, _offset - start.Offset, _text.Substring(start.Offset, _offset - start.Offset));
    }

    private int SkipDigits()
    {
        var start = _offset;
        while (_offset < _text.Length && _text[_offset] is >= '0' and <= '9')
        {
            _offset++;
        }

        return _offset - start;
    }

    private string Describe(int offset)
    {
        var end = offset;
        while (end < _text.Length && end - offset < 12 && !char.IsWhiteSpace(_text[end]))
        {
            end++;
        }

        return end > offset ? _text.Substring(offset, end - offset) : "end of file";
    }

    private void Expect(string literal)
    {
        if (string.CompareOrdinal(_text, _offset, literal, 0, literal.Length) != 0)
        {
            throw new SchemaFileException($"expected a JSON value, found '{Describe(_offset)}'", Here());
        }

        _offset += literal.Length;
    }

    private void ExpectChar(char expected)
    {
        if (Peek() != expected)
        {
            throw new SchemaFileException(
                _offset >= _text.Length ? $"unexpected end of file, expected '{expected}'" : $"expected '{expected}', found '{Peek()}'",
                Here());
        }

        _offset++;
    }

    private void SkipWhitespace()
    {
        while (_offset < _text.Length)
        {
            var c = _text[_offset];
            if (c == '\n')
            {
                _line++;
                _lineStart = _offset + 1;
            }
            else if (c is not (' ' or '\t' or '\r'))
            {
                return;
            }

            _offset++;
        }
    }
}
