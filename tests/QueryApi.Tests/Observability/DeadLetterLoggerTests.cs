using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RecoStreams.QueryApi.Observability.Logging;
using RecoStreams.Streams.Diagnostics;
using RecoStreams.Streams.Errors;
using RecoStreams.Tests.Shared;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Observability;

public sealed class DeadLetterLoggerTests
{
    [Fact]
    public void A_dead_letter_logs_one_warning_with_source_reason_and_stage_and_only_the_hashed_user_id()
    {
        using var provider = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(logging => logging.AddProvider(provider));
        var hasher = new UserIdHasher(Options.Create(new UserIdHashingOptions { Key = new string('k', 32) }), NullLogger<UserIdHasher>.Instance);
        var logger = new DeadLetterLogger(hasher, factory.CreateLogger<DeadLetterLogger>());

        logger.Log(new DeadLetteredRecord(
            "engagement-events", 3, 1207, ErrorStage.Processing, "RatingOutOfRange: rating 9 is outside 0.5..5", "RatingOutOfRange", "validate", "user-7"u8.ToArray()));

        var entry = Assert.Single(provider.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains("engagement-events-3@1207", entry.Message, StringComparison.Ordinal);
        Assert.Contains("RatingOutOfRange at processing in validate", entry.Message, StringComparison.Ordinal);
        Assert.Contains(hasher.Hash("user-7"), entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("user-7", entry.Message, StringComparison.Ordinal);
    }
}
