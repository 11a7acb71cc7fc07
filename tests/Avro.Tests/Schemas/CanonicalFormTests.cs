using System.Text;
using RecoStreams.Avro.Schemas;
using RecoStreams.Avro.Tests.Support;
using Xunit;

namespace RecoStreams.Avro.Tests.Schemas;

public sealed class CanonicalFormTests
{
    private sealed record Case(string Id, string Input, string Canonical, long? Fingerprint);

    [Fact]
    public void Every_case_in_schema_tests_txt_has_the_expected_canonical_form_and_fingerprint()
    {
        var cases = ReadCases(File.ReadAllLines(InteropData.PathOf("data/schema-tests.txt")));
        Assert.True(cases.Count >= 34, $"expected at least 34 cases, parsed {cases.Count}");
        var failures = new List<string>();
        foreach (var c in cases)
        {
            var schema = AvroSchema.Parse(c.Input);
            var canonical = schema.ToCanonicalForm();
            if (canonical != c.Canonical)
            {
                failures.Add($"{c.Id}: canonical {canonical} != {c.Canonical}");
            }

            if (c.Fingerprint is { } expected && SchemaFingerprint.Rabin(schema) != expected)
            {
                failures.Add($"{c.Id}: fingerprint {SchemaFingerprint.Rabin(schema)} != {expected}");
            }
        }

        Assert.Empty(failures);
        Assert.Equal(26, cases.Count(c => c.Fingerprint.HasValue));
    }

    [Fact]
    public void Rabin_fingerprint_of_null_schema_matches_the_spec_example()
    {
        // The spec's single-object example: "null" fingerprints to 0x63dd24e7cc258f8a.
        Assert.Equal(unchecked((long)0x63dd24e7cc258f8aUL), SchemaFingerprint.Rabin(AvroSchema.Parse("\"null\"")));
        Assert.Equal(unchecked((long)SchemaFingerprint.RabinEmpty), SchemaFingerprint.Rabin(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void Md5_and_sha256_hash_the_canonical_form()
    {
        var schema = AvroSchema.Parse("{\"type\":\"record\",\"name\":\"r\",\"namespace\":\"a\",\"doc\":\"x\",\"fields\":[{\"name\":\"f\",\"type\":\"int\"}]}");
        var canonical = Encoding.UTF8.GetBytes("{\"name\":\"a.r\",\"type\":\"record\",\"fields\":[{\"name\":\"f\",\"type\":\"int\"}]}");
        Assert.Equal(System.Security.Cryptography.MD5.HashData(canonical), SchemaFingerprint.Md5(schema));
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(canonical), SchemaFingerprint.Sha256(schema));
    }

    [Fact]
    public void Canonical_form_drops_logical_types_docs_defaults_and_custom_properties()
    {
        var schema = AvroSchema.Parse("""
            {"type":"record","name":"E","namespace":"n","doc":"d","custom":1,"fields":[
              {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"},"default":0,"doc":"x"},
              {"name":"e","type":{"type":"enum","name":"K","symbols":["A","B"],"default":"A"}},
              {"name":"k","type":"K"}]}
            """);
        Assert.Equal(
            "{\"name\":\"n.E\",\"type\":\"record\",\"fields\":[{\"name\":\"at\",\"type\":\"long\"},{\"name\":\"e\",\"type\":{\"name\":\"n.K\",\"type\":\"enum\",\"symbols\":[\"A\",\"B\"]}},{\"name\":\"k\",\"type\":\"n.K\"}]}",
            schema.ToCanonicalForm());
    }

    private static List<Case> ReadCases(string[] lines)
    {
        var cases = new List<Case>();
        string? id = null, input = null, canonical = null;
        long? fingerprint = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("// 0", StringComparison.Ordinal))
            {
                Flush();
                id = line[3..].Trim();
            }
            else if (line == "<<INPUT")
            {
                var body = new StringBuilder();
                while (lines[++i] != "INPUT")
                {
                    body.AppendLine(lines[i]);
                }

                input = body.ToString();
            }
            else if (line.StartsWith("<<INPUT ", StringComparison.Ordinal))
            {
                input = line["<<INPUT ".Length..];
            }
            else if (line.StartsWith("<<canonical ", StringComparison.Ordinal))
            {
                canonical = line["<<canonical ".Length..];
            }
            else if (line.StartsWith("<<fingerprint ", StringComparison.Ordinal))
            {
                fingerprint = long.Parse(line["<<fingerprint ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        Flush();
        return cases;

        void Flush()
        {
            if (id is not null && input is not null && canonical is not null)
            {
                cases.Add(new Case(id, input, canonical, fingerprint));
            }

            id = input = canonical = null;
            fingerprint = null;
        }
    }
}
