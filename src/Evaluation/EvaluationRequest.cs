namespace RecoStreams.Evaluation;

/// <summary>How the held-out part of the log is chosen (see <see cref="Processors.Evaluation.DataSplit"/>).</summary>
public enum SplitProtocol
{
    /// <summary>Per user, the latest <see cref="EvaluationRequest.TestFraction"/> of interactions by time are held out.</summary>
    Temporal,

    /// <summary>Per user, the latest second (the last interaction and any sharing its second) is held out.</summary>
    LeaveLastOut,

    /// <summary>One cut for everyone: the latest <see cref="EvaluationRequest.TestFraction"/> of all events are held out.</summary>
    GlobalTime,

    /// <summary>
    /// A rolling origin over global time: the held-out share of all events in <see cref="EvaluationRequest.Windows"/>
    /// windows, every system retrained on the past of each (see <see cref="Processors.Evaluation.DataSplit.RollingOrigin"/>).
    /// </summary>
    GlobalTimeRolling,
}

/// <summary>What the evaluate verb was asked to do.</summary>
public sealed record EvaluationRequest(string RatingsPath, string ItemsPath, SplitProtocol Protocol, IReadOnlyList<int> Cutoffs, string? JsonPath)
{
    /// <summary>The default replay step: coarse enough to replay MovieLens in minutes, well inside the 5 min future tolerance.</summary>
    public static readonly TimeSpan DefaultReplayStep = TimeSpan.FromMinutes(1);

    /// <summary>How far the topology's clock may lag the events being replayed (see <see cref="TopologyReplay"/>).</summary>
    public TimeSpan ReplayStep { get; init; } = DefaultReplayStep;

    /// <summary>The held-out share for temporal (per user) and global-time (of all events). Default 0.2.</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>
    /// Replay the topology too (the system under test as deployed). Without it, RecoStreams is measured by the
    /// offline replay of the same domain logic only, which is much faster: for tuning experiments.
    /// </summary>
    public bool ReplayTopology { get; init; } = true;

    /// <summary>The default <see cref="MemoryBudgetBytes"/> in MiB.</summary>
    public const int DefaultMemoryBudgetMib = 896;

    /// <summary>
    /// The resident memory the topology replay keeps the process near (<see cref="MemoryBudget"/>), 896 MiB by default: the
    /// target is 1 GiB on ml-latest-small. Above it the replay collects garbage; it never fails for being above.
    /// </summary>
    public long MemoryBudgetBytes { get; init; } = DefaultMemoryBudgetMib * 1024L * 1024;

    /// <summary>Where to write every scored user's NDCG@K per system as CSV (<see cref="EvaluationReport.ToPerUserCsv"/>); null: nowhere.</summary>
    public string? PerUserPath { get; init; }

    /// <summary>The rolling origin's windows (each a cut at which every system is retrained on the past). Default 10.</summary>
    public int Windows { get; init; } = 10;

    /// <summary>Evaluate only this many users, a seeded sample with all their events (<see cref="Processors.Evaluation.UserSample"/>); null: all.</summary>
    public int? SampleUsers { get; init; }

    /// <summary>The seed of <see cref="SampleUsers"/>'s sample. Default 1.</summary>
    public int SampleSeed { get; init; } = 1;

    public static string Name(SplitProtocol protocol) => protocol switch
    {
        SplitProtocol.GlobalTimeRolling => "global-time-rolling",
        SplitProtocol.Temporal => "temporal",
        SplitProtocol.LeaveLastOut => "leave-last-out",
        SplitProtocol.GlobalTime => "global-time",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, null),
    };
}
