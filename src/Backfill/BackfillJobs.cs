using Confluent.Kafka;
using Microsoft.Extensions.Hosting;

namespace RecoStreams.Backfill;

/// <summary>
/// On-demand backfills of this instance, run in the background by <see cref="BackfillRunner"/> at a
/// capped rate so live traffic keeps the stream threads. One runs at a time (a second would only halve
/// both rates); the last few stay pollable after they end. Stopping the host cancels a running one.
/// </summary>
public sealed class BackfillJobs(BackfillRunner runner, IHostApplicationLifetime lifetime, TimeProvider time)
{
    private const int KeptJobs = 20;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, BackfillJobStatus> _jobs = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private string? _runningId;

    /// <summary>Starts a backfill of <paramref name="userIds"/>, or returns false with the one still running.</summary>
    public bool TryStart(IReadOnlyList<string> userIds, double ratePerSecond, out BackfillJobStatus job)
    {
        lock (_gate)
        {
            if (_runningId is not null)
            {
                job = _jobs[_runningId];
                return false;
            }

            job = new BackfillJobStatus(Guid.NewGuid().ToString("N"), BackfillJobState.Running, 0, userIds.Count, ratePerSecond, time.GetUtcNow(), null, null);
            Keep(job);
            _runningId = job.Id;
        }

        var id = job.Id;
        _ = Task.Run(() => RunAsync(id, userIds, ratePerSecond));
        return true;
    }

    public BackfillJobStatus? Find(string id)
    {
        lock (_gate)
        {
            return _jobs.GetValueOrDefault(id);
        }
    }

    private async Task RunAsync(string id, IReadOnlyList<string> userIds, double ratePerSecond)
    {
        var progress = new Progress(this, id);
        try
        {
            var last = await runner.RunAsync(userIds, ratePerSecond, progress, lifetime.ApplicationStopping);
            Finish(id, BackfillJobState.Completed, last.Done, error: null);
        }
        catch (OperationCanceledException)
        {
            Finish(id, BackfillJobState.Cancelled, done: null, error: "The instance stopped.");
        }
        catch (Exception e)
        {
            // A background job has no caller to throw to: the failure is its status, shown to admins polling it
            // (the message, never a stack trace).
            Finish(id, BackfillJobState.Failed, done: null, error: e is KafkaException k ? k.Error.Reason : e.Message);
        }
    }

    private void Update(string id, int done)
    {
        lock (_gate)
        {
            _jobs[id] = _jobs[id] with { Done = done };
        }
    }

    private void Finish(string id, BackfillJobState state, int? done, string? error)
    {
        lock (_gate)
        {
            var job = _jobs[id];
            _jobs[id] = job with { State = state, Done = done ?? job.Done, FinishedAt = time.GetUtcNow(), Error = error };
            _runningId = null;
        }
    }

    private void Keep(BackfillJobStatus job)
    {
        _jobs[job.Id] = job;
        _order.Enqueue(job.Id);
        while (_order.Count > KeptJobs)
        {
            _jobs.Remove(_order.Dequeue());
        }
    }

    /// <summary>Synchronous on purpose: <see cref="Progress{T}"/> would post updates after the job finished.</summary>
    private sealed class Progress(BackfillJobs jobs, string id) : IProgress<BackfillProgress>
    {
        public void Report(BackfillProgress value) => jobs.Update(id, value.Done);
    }
}
