using RecoStreams.Bench;
using RecoStreams.Streams.Kafka.Native;

// Bind Confluent.Kafka to the packaged librdkafka before any benchmark creates a client.
LibrdkafkaLoader.EnsureLoaded();

// Each benchmark is a named command: `dotnet run -c Release --project bench/RecoStreams.Bench -- <name> [--json FILE]`.
var commands = BenchmarkCommands.All.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine("usage: RecoStreams.Bench <benchmark> [--json FILE]");
    Console.Error.WriteLine("benchmarks: " + string.Join(", ", commands.Keys.Order()));
    return 2;
}

return await command.RunAsync(args[1..]);
