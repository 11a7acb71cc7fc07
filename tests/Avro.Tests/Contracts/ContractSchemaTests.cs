using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Schemas;
using Xunit;

namespace RecoStreams.Avro.Tests.Contracts;

public sealed class ContractSchemaTests
{
    public static TheoryData<string> Names => [.. ContractSchemaFiles.Names];

    private static AvroSchema EmbeddedSchema(string name) => name switch
    {
        "EngagementEvent" => EngagementEventContract.Instance.Schema,
        "CatalogItem" => CatalogItemContract.Instance.Schema,
        "RecommendationUpdated" => RecommendationUpdatedContract.Instance.Schema,
        "RecommendationFeedback" => RecommendationFeedbackContract.Instance.Schema,
        "ItemStats" => ItemStatsContract.Instance.Schema,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a contract"),
    };

    private static IEnumerable<NamedSchema> NamedTypes(AvroSchema schema, HashSet<string>? seen = null)
    {
        seen ??= [];
        switch (schema)
        {
            case RecordSchema record when seen.Add(record.Name.FullName):
                yield return record;
                foreach (var inner in record.Fields.SelectMany(f => NamedTypes(f.Schema, seen)))
                {
                    yield return inner;
                }

                break;
            case EnumSchema e when seen.Add(e.Name.FullName):
                yield return e;
                break;
            case ArraySchema array:
                foreach (var inner in NamedTypes(array.Items, seen))
                {
                    yield return inner;
                }

                break;
            case MapSchema map:
                foreach (var inner in NamedTypes(map.Values, seen))
                {
                    yield return inner;
                }

                break;
            case UnionSchema union:
                foreach (var inner in union.Branches.SelectMany(b => NamedTypes(b, seen)))
                {
                    yield return inner;
                }

                break;
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Schema_file_parses_in_the_events_namespace(string name)
    {
        var schema = Assert.IsType<RecordSchema>(AvroSchema.Parse(ContractSchemaFiles.Read(name)));

        Assert.Equal($"io.recostreams.events.{name}", schema.Name.FullName);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Schema_compiled_into_the_contract_is_identical_to_the_file(string name)
    {
        var fromFile = AvroSchema.Parse(ContractSchemaFiles.Read(name));

        // The full form (docs, defaults) must match, not just the canonical form.
        Assert.Equal(fromFile.ToString(), EmbeddedSchema(name).ToString());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_record_field_has_a_doc_and_every_enum_a_default_symbol(string name)
    {
        var types = NamedTypes(AvroSchema.Parse(ContractSchemaFiles.Read(name))).ToList();

        foreach (var record in types.OfType<RecordSchema>())
        {
            Assert.False(string.IsNullOrWhiteSpace(record.Doc), $"{record.Name} has no doc");
            Assert.All(record.Fields, f => Assert.False(string.IsNullOrWhiteSpace(f.Doc), $"{record.Name}.{f.Name} has no doc"));
        }

        Assert.All(types.OfType<EnumSchema>(), e => Assert.Equal("UNKNOWN", e.Default));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Optional_fields_are_null_first_unions_defaulting_to_null(string name)
    {
        var record = (RecordSchema)AvroSchema.Parse(ContractSchemaFiles.Read(name));

        foreach (var field in record.Fields.Where(f => f.Schema is UnionSchema))
        {
            var union = (UnionSchema)field.Schema;
            Assert.Equal(AvroType.Null, union.Branches[0].Type);
            Assert.True(field.HasDefault, $"{field.Name} has no default");
            Assert.Equal(System.Text.Json.JsonValueKind.Null, field.DefaultValue!.Value.ValueKind);
        }
    }

    [Fact]
    public void Csharp_enum_members_match_the_schema_symbols_in_order()
    {
        static string Symbol(string member) =>
            string.Concat(member.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));

        static void Matches<TEnum>(EnumSchema schema)
            where TEnum : struct, Enum =>
            Assert.Equal(schema.Symbols, Enum.GetNames<TEnum>().Select(Symbol));

        Matches<EventType>((EnumSchema)((RecordSchema)EngagementEventContract.Instance.Schema).GetField("event_type")!.Schema);
        Matches<FeedbackKind>((EnumSchema)((RecordSchema)RecommendationFeedbackContract.Instance.Schema).GetField("kind")!.Schema);
        var updated = (RecordSchema)RecommendationUpdatedContract.Instance.Schema;
        Matches<RecommendationStrategy>((EnumSchema)updated.GetField("strategy")!.Schema);
        var item = (RecordSchema)((ArraySchema)updated.GetField("items")!.Schema).Items;
        Matches<CandidateSource>((EnumSchema)item.GetField("source")!.Schema);
    }
}
