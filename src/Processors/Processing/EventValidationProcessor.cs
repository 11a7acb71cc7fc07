using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Options;
using RecoStreams.Processors.Validation;
using RecoStreams.Streams.Processor;

namespace RecoStreams.Processors.Processing;

/// <summary>
/// First node of the by-user subtopology: sends invalid events to the dead-letter topic with the
/// rejection as reason (the runtime adds source coordinates) and forwards the valid ones. Validation uses
/// the task's wall clock, so "in the future" means ahead of this machine, not of stream time.
/// </summary>
public sealed class EventValidationProcessor(ValidationOptions options, StreamCounters counters) : IProcessor<string, EngagementEvent>
{
    private readonly EngagementEventValidator _validator = new(options);
    private IProcessorContext<string, EngagementEvent>? _context;

    public void Init(IProcessorContext<string, EngagementEvent> context) => _context = context;

    public void Process(Record<string, EngagementEvent> record)
    {
        var context = _context ?? throw new InvalidOperationException("Init was not called.");
        var result = _validator.Validate(record.Value, context.CurrentSystemTimeMs);
        if (result.IsValid)
        {
            context.Forward(record);
            return;
        }

        counters.InvalidEvent();
        context.ForwardToDeadLetter(result.ToString());
    }

    public void Close()
    {
    }
}
