namespace RecoStreams.Streams.State.Internals;

/// <summary>A store layer that holds its writes until the task's commit step writes them below.</summary>
internal interface IDeferredWrites
{
    string Name { get; }

    /// <summary>Approximate memory the held writes take.</summary>
    long HeldBytes { get; }

    /// <summary>Writes the held values below (store and changelog) and forgets them.</summary>
    void WriteDeferred();
}

/// <summary>Implemented by the task's state manager, which runs the commit step of deferred stores.</summary>
internal interface IDeferredWriteRegistry
{
    void RegisterDeferredWrites(IDeferredWrites store);
}
