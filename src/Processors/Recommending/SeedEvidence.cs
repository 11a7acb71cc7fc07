using RecoStreams.Processors.Domain;

namespace RecoStreams.Processors.Recommending;

/// <summary>
/// A seed-led source's score for one candidate (co-visitation's, or a trained model's kept apart) and the seed that
/// contributed most to it: "because you watched X". A mutable struct so candidates carry it without an allocation.
/// </summary>
internal struct SeedEvidence
{
    private double _bestContribution;

    public double Score { readonly get; private set; }

    public RecentItem? Seed { readonly get; private set; }

    public void Add(RecentItem seed, double contribution)
    {
        Score += contribution;
        if (contribution > _bestContribution)
        {
            (Seed, _bestContribution) = (seed, contribution);
        }
    }
}
