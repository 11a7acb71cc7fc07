namespace RecoStreams.QueryApi.Evaluation;

/// <summary>How the held-out part of the log is chosen.</summary>
internal enum SplitProtocol
{
    /// <summary>Per user, the latest 20% of interactions by time are held out.</summary>
    Temporal,

    /// <summary>Per user, the single latest interaction is held out.</summary>
    LeaveLastOut,
}

/// <summary>What the evaluate verb was asked to do.</summary>
internal sealed record EvaluationRequest(string RatingsPath, string ItemsPath, SplitProtocol Protocol, IReadOnlyList<int> Cutoffs, string? JsonPath)
{
    /// <summary>The default replay step: coarse enough to replay MovieLens in minutes, well inside the 5 min future tolerance.</summary>
    public static readonly TimeSpan DefaultReplayStep = TimeSpan.FromMinutes(1);

    /// <summary>How far the topology's clock may lag the events being replayed (see <see cref="TopologyReplay"/>).</summary>
    public TimeSpan ReplayStep { get; init; } = DefaultReplayStep;
}
