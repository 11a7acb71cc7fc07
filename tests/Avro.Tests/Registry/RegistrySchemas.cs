namespace RecoStreams.Avro.Tests.Registry;

/// <summary>Small schemas for registry tests: a record and compatible / incompatible evolutions of it.</summary>
internal static class RegistrySchemas
{
    public const string V1 = """{"type":"record","name":"User","namespace":"t","fields":[{"name":"id","type":"string"}]}""";

    /// <summary>V1 with other whitespace and a doc: the same canonical form.</summary>
    public const string V1Reformatted = """
        { "type": "record", "name": "User", "namespace": "t", "doc": "same",
          "fields": [ { "name": "id", "type": "string", "doc": "the id" } ] }
        """;

    /// <summary>Adds a field with a default: backward and forward compatible with V1.</summary>
    public const string V2AddedWithDefault = """{"type":"record","name":"User","namespace":"t","fields":[{"name":"id","type":"string"},{"name":"age","type":"int","default":0}]}""";

    /// <summary>Adds a field without a default: cannot read V1 data (not backward compatible).</summary>
    public const string V2AddedWithoutDefault = """{"type":"record","name":"User","namespace":"t","fields":[{"name":"id","type":"string"},{"name":"email","type":"string"}]}""";
}
