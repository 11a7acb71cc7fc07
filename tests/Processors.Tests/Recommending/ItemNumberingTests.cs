using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Recommending;

namespace RecoStreams.Processors.Tests.Recommending;

public sealed class ItemNumberingTests
{
    // Ids from a small set, so lists share ids and a small capacity is passed often.
    private static readonly Gen<string> Id = Gen.Choose(0, 30).Select(i => "item-" + i);

    [Fact]
    public void An_owners_new_neighbour_list_numbered_from_its_previous_list_gets_every_ids_own_number()
    {
        // Successive lists of a few owners, each from the small id set (so ids repeat, move by one place, or are new),
        // with start-overs between them: every entry must get the number Number gives its id, whatever the previous list held.
        var step = Gen.Choose(0, 3).Zip(Id.ListOf().Select(ids => ids.ToArray())).Zip(Gen.Choose(0, 9));
        var property = Prop.ForAll(step.ListOf().ToArbitrary(), steps =>
        {
            var numbering = new ItemNumbering();
            foreach (var ((owner, ids), startOver) in steps)
            {
                numbering.StartOverIfFull(startOver == 0 ? 0 : 1_000);
                var neighbours = ids.Select(id => new Neighbour(new string(id.AsSpan()), 0.5, 1)).ToList();
                var numbered = numbering.Of("owner-" + owner, neighbours);
                if (!numbered.Numbers.SequenceEqual(ids.Select(numbering.Number)) || !ReferenceEquals(numbering.Of(neighbours), numbered))
                {
                    return false;
                }
            }

            return true;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), property);
    }

    [Fact]
    public void Numbers_are_stable_between_start_overs_and_the_numbering_holds_at_most_its_capacity_plus_one_list()
    {
        var lists = Id.ListOf().Select(ids => ids.ToArray()).NonEmptyListOf();
        var cases = Gen.Zip(lists, Gen.Choose(1, 40));
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (idLists, capacity) = c;
            var numbering = new ItemNumbering();
            var expected = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var ids in idLists)
            {
                var full = numbering.Count > capacity;
                if (numbering.StartOverIfFull(capacity) != full || numbering.Count > (full ? 0 : capacity))
                {
                    return false;
                }

                if (full)
                {
                    expected.Clear();
                }

                // Numbered as a facet list and again as a neighbour list (fresh strings: ids compare by value), then read again.
                var neighbours = ids.Select(id => new Neighbour(new string(id.AsSpan()), 0.5, 1)).ToList();
                var (byIds, byNeighbours) = (numbering.Of(ids), numbering.Of(neighbours));
                foreach (var id in ids)
                {
                    expected.TryAdd(id, expected.Count);
                }

                var want = ids.Select(id => expected[id]).ToArray();
                if (!byIds.SequenceEqual(want) || !byNeighbours.Numbers.SequenceEqual(want)
                    || !byNeighbours.Similarities.All(s => s == 0.5)
                    || !ReferenceEquals(numbering.Of(ids), byIds) || !ReferenceEquals(numbering.Of(neighbours), byNeighbours)
                    || !ids.All(id => numbering.Number(id) == expected[id] && numbering.IdOf(expected[id]) == id)
                    || numbering.Count != expected.Count)
                {
                    return false;
                }
            }

            return true;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void A_list_numbered_before_a_start_over_is_numbered_afresh_after_it()
    {
        var numbering = new ItemNumbering();
        string[] first = ["a", "b", "c"];
        Assert.Equal(new[] { 0, 1, 2 }, numbering.Of(first));
        Assert.False(numbering.StartOverIfFull(3));
        numbering.Number("d");
        Assert.True(numbering.StartOverIfFull(3));
        Assert.Equal(0, numbering.Count);

        Assert.Equal(new[] { 0 }, numbering.Of(["c"]));
        Assert.Equal(new[] { 1, 2, 0 }, numbering.Of(first));
    }

    [Fact]
    public void Slots_by_item_number_answer_as_a_string_keyed_table_list_after_list()
    {
        // Each list meets ids and, on first sight, stores a value or null (an excluded item), as the candidate table does;
        // a small numbering capacity makes the numbering start over between lists, and the slots must forget then too.
        var meeting = Gen.Zip(Id, Gen.Choose(0, 3)).ListOf();
        var cases = Gen.Zip(meeting.NonEmptyListOf(), Gen.Choose(1, 40));
        var property = Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (lists, capacity) = c;
            var numbering = new ItemNumbering();
            var slots = new ItemSlots<string>();
            foreach (var list in lists)
            {
                slots.Begin(renumbered: numbering.StartOverIfFull(capacity));
                var table = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var (id, value) in list)
                {
                    ref var slot = ref slots.Slot(numbering.Number(id), out var known);
                    if (known != table.TryGetValue(id, out var held) || (known && !Equals(slot, held)))
                    {
                        return false;
                    }

                    if (!known)
                    {
                        table[id] = slot = value == 0 ? null : $"{id}/{value}";
                    }
                }
            }

            return true;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }
}
