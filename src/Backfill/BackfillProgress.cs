namespace RecoStreams.Backfill;

/// <summary>How far a backfill has got: users whose refresh was produced, out of all, since it started.</summary>
public sealed record BackfillProgress(int Done, int Total, TimeSpan Elapsed)
{
    public double UsersPerSecond => Elapsed > TimeSpan.Zero ? Done / Elapsed.TotalSeconds : 0;

    /// <summary>Time left at the rate so far; null before the first user is done.</summary>
    public TimeSpan? Remaining => Done == 0 ? null : TimeSpan.FromSeconds((Total - Done) / UsersPerSecond);

    public override string ToString() => FormattableString.Invariant(
        $"{Done:N0}/{Total:N0} users ({UsersPerSecond:F0}/s{(Remaining is { } left ? $", {left:hh\\:mm\\:ss} left" : "")})");
}
