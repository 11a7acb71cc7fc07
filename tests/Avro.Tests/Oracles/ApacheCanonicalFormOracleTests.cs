using System.Text;
using RecoStreams.Avro.Schemas;
using RecoStreams.Avro.Tests.Contracts;
using RecoStreams.Avro.Tests.Support;
using Xunit;

namespace RecoStreams.Avro.Tests.Oracles;

/// <summary>
/// Apache.Avro's SchemaNormalization as the reference for Parsing Canonical Form and its fingerprints,
/// on every contract under schemas/avro and every .avsc of the shared interop data.
/// </summary>
public sealed class ApacheCanonicalFormOracleTests
{
    public static TheoryData<string> ContractSchemas => [.. ContractSchemaFiles.Names];

    // Found at discovery so a new shared schema is covered without an edit; when the data is absent, one
    // known name stands in and its test skips saying so.
    public static TheoryData<string> InteropSchemas =>
        InteropData.Find("*.avsc") is { Count: > 0 } found ? [.. found] : ["schemas/interop.avsc"];

    [Theory]
    [MemberData(nameof(ContractSchemas))]
    public void Contract_schema_canonical_form_and_fingerprints_equal_Apache_Avro(string name) =>
        AgreeOn(ContractSchemaFiles.Read(name));

    [Theory]
    [MemberData(nameof(InteropSchemas))]
    public void Interop_schema_canonical_form_and_fingerprints_equal_Apache_Avro(string relative) =>
        AgreeOn(File.ReadAllText(InteropData.PathOf(relative)));

    private static void AgreeOn(string json)
    {
        var ours = AvroSchema.Parse(json);
        var apache = global::Avro.Schema.Parse(json);

        var canonical = global::Avro.SchemaNormalization.ToParsingForm(apache);
        Assert.Equal(canonical, ours.ToCanonicalForm());
        Assert.Equal(global::Avro.SchemaNormalization.ParsingFingerprint64(apache), SchemaFingerprint.Rabin(ours));
        Assert.Equal(global::Avro.SchemaNormalization.ParsingFingerprint("MD5", apache), SchemaFingerprint.Md5(ours));
        Assert.Equal(global::Avro.SchemaNormalization.ParsingFingerprint("SHA-256", apache), SchemaFingerprint.Sha256(ours));
        Assert.Equal(SchemaFingerprint.Rabin(Encoding.UTF8.GetBytes(canonical)), SchemaFingerprint.Rabin(ours));
    }
}
