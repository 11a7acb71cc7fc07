namespace RecoStreams.Avro.Container;

/// <summary>Constants of the object container file format.</summary>
public static class ContainerFormat
{
    /// <summary>The four bytes every container file starts with: <c>Obj</c> and version 1.</summary>
    public static ReadOnlySpan<byte> Magic => "Obj\u0001"u8;

    /// <summary>Length of the sync marker that follows the header and every block.</summary>
    public const int SyncSize = 16;

    /// <summary>Metadata key holding the writer schema JSON.</summary>
    public const string SchemaKey = "avro.schema";

    /// <summary>Metadata key holding the codec name; absent means <c>null</c>.</summary>
    public const string CodecKey = "avro.codec";

    /// <summary>Metadata keys starting with this prefix are reserved for Avro.</summary>
    public const string ReservedPrefix = "avro.";
}
