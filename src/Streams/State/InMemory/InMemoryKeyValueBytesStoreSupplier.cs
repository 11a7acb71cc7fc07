namespace RecoStreams.Streams.State.InMemory;

public sealed class InMemoryKeyValueBytesStoreSupplier : IKeyValueBytesStoreSupplier
{
    public InMemoryKeyValueBytesStoreSupplier(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    public string Name { get; }

    public IKeyValueBytesStore Get() => new InMemoryKeyValueBytesStore(Name);
}
