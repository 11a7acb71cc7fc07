namespace RecoStreams.Bench;

/// <summary>One benchmark runnable from the command line; returns the process exit code.</summary>
public interface IBenchmarkCommand
{
    string Name { get; }

    Task<int> RunAsync(string[] args);
}
