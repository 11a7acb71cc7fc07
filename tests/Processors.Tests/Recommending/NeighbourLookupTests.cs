using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Recommending;

namespace RecoStreams.Processors.Tests.Recommending;

public sealed class NeighbourLookupTests
{
    [Fact]
    public void A_lookup_answers_every_id_as_a_dictionary_filled_in_list_order_does()
    {
        // Ids from a small set so lists repeat ids (the later similarity counts) and probes meet ids they do not hold.
        var id = Gen.Choose(0, 40).Select(i => "item-" + i);
        var neighbours = Gen.Zip(id, Gen.Choose(-2, 8)).Select(x => new Neighbour(x.Item1, x.Item2 / 4.0, 1)).ListOf();
        var property = Prop.ForAll(neighbours.ToArbitrary(), list =>
        {
            var expected = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var n in list)
            {
                expected[n.ItemId] = n.Similarity;
            }

            var lookup = new NeighbourLookup(list);

            // A fresh string each time: the lookup compares ids by value, not by reference.
            return Enumerable.Range(0, 42)
                .Select(i => new string(("item-" + i).AsSpan()))
                .All(probe => lookup.SimilarityTo(probe, NeighbourLookup.Hash(probe)) == expected.GetValueOrDefault(probe));
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }
}
