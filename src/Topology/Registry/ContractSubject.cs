namespace RecoStreams.Topology.Registry;

/// <summary>Where one event contract is registered: its .avsc file, the topic it travels on and the value subject.</summary>
/// <param name="FileName">Contract file in schemas/avro, e.g. EngagementEvent.avsc.</param>
/// <param name="Topic">Topic whose values use the contract.</param>
public sealed record ContractSubject(string FileName, string Topic)
{
    /// <summary>
    /// Confluent's TopicNameStrategy subject for the topic's values: the serdes look schemas up
    /// under exactly this name, so tooling must register under it too.
    /// </summary>
    public string Subject => Topic + "-value";
}
