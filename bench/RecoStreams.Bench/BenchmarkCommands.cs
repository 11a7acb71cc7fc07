namespace RecoStreams.Bench;

/// <summary>The registry of benchmark commands; add one line per benchmark.</summary>
internal static class BenchmarkCommands
{
    public static IReadOnlyList<IBenchmarkCommand> All { get; } =
    [
        new PostgresSinkBenchmark(),
        new RocksDbBenchmark(),
        new RocksDbMemoryBenchmark(),
        new CountBenchmark(),
        new AvroCodecBenchmark(),
        new Topology.TopologyBenchmark(),
        new Topology.RecommendBenchmark(),
        new Topology.SeedCommand(),
        new Routing.RoutingBenchmark(),
        new ScrapeBenchmark(),
        new ExposureBenchmark(),
        new ExposureProducerBenchmark(),
        new MockClusterCommand(),
    ];
}
