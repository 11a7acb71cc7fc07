using System.Reflection;
using RecoStreams.Avro.Contracts;
using RecoStreams.Avro.Generic;
using RecoStreams.Avro.Schemas;

namespace RecoStreams.Avro.Generator.Tests.Support;

/// <summary>A contract whose .NET type exists only in an assembly compiled by the test, used without reflection at each call.</summary>
internal interface IContractProbe
{
    AvroSchema Schema { get; }

    long Fingerprint { get; }

    byte[] Encode(object value);

    object Read(byte[] encoded);

    object Decode(byte[] encoded, AvroSchema writerSchema);

    GenericRecord ToGeneric(object value);

    object FromGeneric(GenericRecord record);
}

internal static class ContractProbe
{
    /// <summary>The <c>Instance</c> of the generated <c>{name}Contract</c> in <paramref name="assembly"/>.</summary>
    public static IContractProbe Of(Assembly assembly, string contractTypeName)
    {
        var type = assembly.GetType(contractTypeName) ?? throw new InvalidOperationException($"{contractTypeName} was not generated");
        var contract = type.GetProperty("Instance")!.GetValue(null)!;
        var valueType = type.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAvroContract<>)).GetGenericArguments()[0];
        return (IContractProbe)Activator.CreateInstance(typeof(Typed<>).MakeGenericType(valueType), contract)!;
    }

    /// <summary>Wraps a contract the test has a static type for.</summary>
    public static IContractProbe Of<T>(IAvroContract<T> contract)
        where T : notnull => new Typed<T>(contract);

    private sealed class Typed<T>(IAvroContract<T> contract) : IContractProbe
        where T : notnull
    {
        private readonly AvroContractDecoder<T> _decoder = new(contract);

        public AvroSchema Schema => contract.Schema;

        public long Fingerprint => contract.Fingerprint;

        public byte[] Encode(object value) => contract.Encode((T)value);

        public object Read(byte[] encoded) => _decoder.Decode(encoded, contract.Schema);

        public object Decode(byte[] encoded, AvroSchema writerSchema) => _decoder.Decode(encoded, writerSchema);

        public GenericRecord ToGeneric(object value) => contract.ToGeneric((T)value);

        public object FromGeneric(GenericRecord record) => contract.FromGeneric(record);
    }
}
