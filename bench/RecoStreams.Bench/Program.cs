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

if (args.Skip(1).Any(a => a is "--help" or "-h" or "-?"))
{
    Console.WriteLine($"usage: RecoStreams.Bench {command.Name} [options]; each benchmark's options and how it is run are in docs/benchmarks.md");
    return 0;
}

try
{
    return await command.RunAsync(args[1..]);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or UriFormatException or IOException)
{
    // A missing or malformed option is the caller's to fix: one line, not a stack trace.
    Console.Error.WriteLine($"{command.Name} failed: {e.Message}");
    return 2;
}
