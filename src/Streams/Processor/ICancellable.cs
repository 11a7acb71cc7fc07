namespace RecoStreams.Streams.Processor;

public interface ICancellable
{
    void Cancel();
}
