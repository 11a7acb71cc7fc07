using Polly;
using Polly.Retry;
using RecoStreams.Postgres.Delivery;

namespace RecoStreams.Postgres.Resilience;

/// <summary>
/// Builds the write retry pipeline: an inner unbounded retry for transient errors inside an outer bounded
/// retry for everything else. Nesting keeps the two budgets apart: a long outage does not use up the
/// non-transient budget, and each non-transient retry restarts the transient one.
/// </summary>
internal static class SinkRetryPipeline
{
    public static ResiliencePipeline Create(
        PostgresSinkOptions options,
        TimeProvider timeProvider,
        Action<Exception, int> onRetry)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.NonTransientRetries);
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider };
        if (options.NonTransientRetries > 0)
        {
            builder.AddRetry(Options(options, options.NonTransientRetries, e => !PostgresTransientErrors.IsTransient(e), onRetry));
        }

        return builder
            .AddRetry(Options(options, int.MaxValue, PostgresTransientErrors.IsTransient, onRetry))
            .Build();
    }

    private static RetryStrategyOptions Options(
        PostgresSinkOptions options,
        int maxRetries,
        Func<Exception, bool> handles,
        Action<Exception, int> onRetry) => new()
        {
            MaxRetryAttempts = maxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = options.RetryMaxDelay,
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is { } e and not OperationCanceledException && handles(e)),
            OnRetry = args =>
            {
                onRetry(args.Outcome.Exception!, args.AttemptNumber + 1);
                return ValueTask.CompletedTask;
            },
        };
}
