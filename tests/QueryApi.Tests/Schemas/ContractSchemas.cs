namespace RecoStreams.QueryApi.Tests.Schemas;

/// <summary>Small contract texts in the shape of schemas/avro, varied one field at a time.</summary>
internal static class ContractSchemas
{
    public static string Record(string name, params string[] fields) =>
        $$"""{"type":"record","name":"{{name}}","namespace":"io.recostreams.events","fields":[{{string.Join(",", fields)}}]}""";

    public const string UserId = """{"name":"user_id","type":"string"}""";

    public const string Weight = """{"name":"weight","type":"double","default":1.0}""";

    public const string WeightWithoutDefault = """{"name":"weight","type":"double"}""";

    public const string Region = """{"name":"region","type":"string"}""";

    public static string EngagementV1 => Record("EngagementEvent", UserId);
}
