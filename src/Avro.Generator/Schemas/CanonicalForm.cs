using System.Collections.Generic;
using System.Text;

namespace RecoStreams.Avro.Generator.Schemas;

/// <summary>
/// The specification's Parsing Canonical Form and its 64-bit Rabin fingerprint (CRC-64-AVRO), so
/// the fingerprint is a constant of the generated code; a test checks it against the runtime's.
/// </summary>
internal static class CanonicalForm
{
    private const ulong Empty = 0xc15d213aa4d7a795UL;
    private static readonly ulong[] Table = BuildTable();

    public static string Of(AvroType type)
    {
        var text = new StringBuilder();
        Write(type, text, []);
        return text.ToString();
    }

    public static long Fingerprint(AvroType type)
    {
        var fingerprint = Empty;
        foreach (var b in Encoding.UTF8.GetBytes(Of(type)))
        {
            fingerprint = (fingerprint >> 8) ^ Table[(int)(fingerprint ^ b) & 0xff];
        }

        return unchecked((long)fingerprint);
    }

    private static void Write(AvroType type, StringBuilder text, HashSet<string> written)
    {
        switch (type)
        {
            case PrimitiveType primitive:
                Quoted(text, PrimitiveType.NameOf(primitive.Kind));
                break;
            case NamedType named when !written.Add(named.FullName):
                Quoted(text, named.FullName);
                break;
            case RecordType record:
                text.Append("{\"name\":");
                Quoted(text, record.FullName);
                text.Append(",\"type\":\"record\",\"fields\":[");
                for (var i = 0; i < record.Fields.Count; i++)
                {
                    text.Append(i == 0 ? "{\"name\":" : ",{\"name\":");
                    Quoted(text, record.Fields[i].Name);
                    text.Append(",\"type\":");
                    Write(record.Fields[i].Type, text, written);
                    text.Append('}');
                }

                text.Append("]}");
                break;
            case EnumType e:
                text.Append("{\"name\":");
                Quoted(text, e.FullName);
                text.Append(",\"type\":\"enum\",\"symbols\":[");
                for (var i = 0; i < e.Symbols.Count; i++)
                {
                    text.Append(i == 0 ? "" : ",");
                    Quoted(text, e.Symbols[i]);
                }

                text.Append("]}");
                break;
            case ArrayType array:
                text.Append("{\"type\":\"array\",\"items\":");
                Write(array.Items, text, written);
                text.Append('}');
                break;
            case MapType map:
                text.Append("{\"type\":\"map\",\"values\":");
                Write(map.Values, text, written);
                text.Append('}');
                break;
            case UnionType union:
                text.Append('[');
                for (var i = 0; i < union.Branches.Count; i++)
                {
                    text.Append(i == 0 ? "" : ",");
                    Write(union.Branches[i], text, written);
                }

                text.Append(']');
                break;
        }
    }

    // Names and symbols are [A-Za-z0-9_.] only, so no JSON escaping is needed.
    private static void Quoted(StringBuilder text, string value) => text.Append('"').Append(value).Append('"');

    private static ulong[] BuildTable()
    {
        var table = new ulong[256];
        for (var i = 0; i < 256; i++)
        {
            var fp = (ulong)i;
            for (var j = 0; j < 8; j++)
            {
                fp = (fp >> 1) ^ (Empty & (0UL - (fp & 1UL)));
            }

            table[i] = fp;
        }

        return table;
    }
}
