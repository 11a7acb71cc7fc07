using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Streams.State;
using RecoStreams.Streams.State.InMemory;
using Xunit;

namespace RecoStreams.Streams.Tests.State;

/// <summary>Model-based check: the in-memory store behaves like a SortedDictionary under unsigned byte order.</summary>
public sealed class InMemoryKeyValueBytesStorePropertyTests
{
    // Few distinct bytes (including 0x7F/0x80/0xFF) so keys collide, share prefixes and test signedness.
    private static readonly Gen<byte[]> KeyGen =
        Gen.Elements<byte>(0x00, 0x01, 0x7F, 0x80, 0xFF).ArrayOf().Where(k => k.Length <= 3);

    private static readonly Gen<byte[]?> BoundGen = Gen.Frequency(
        (1, Gen.Constant<byte[]?>(null)),
        (4, KeyGen.Select(k => (byte[]?)k)));

    private static readonly Gen<Op> OpGen = Gen.Frequency(
        (5, KeyGen.Zip(Gen.Choose(0, 1000)).Select(t => (Op)new PutOp(t.Item1, t.Item2))),
        (2, KeyGen.Select(k => (Op)new DeleteOp(k))),
        (2, BoundGen.Zip(BoundGen).Select(t => (Op)new RangeOp(t.Item1, t.Item2))),
        (2, KeyGen.Select(k => (Op)new PrefixOp(k))),
        (1, Gen.Constant((Op)new AllOp())));

    [Fact]
    public void Matches_a_sorted_dictionary_model_under_random_put_delete_range_and_prefix_sequences()
    {
        var property = Prop.ForAll(OpGen.ArrayOf().ToArbitrary(), (Op[] ops) =>
        {
            var store = new InMemoryKeyValueBytesStore("model-check");
            var model = new SortedDictionary<byte[], byte[]>(UnsignedBytesComparer.Instance);
            foreach (var op in ops)
            {
                op.Apply(store, model);
            }

            return Same(Drain(store.All()), model.ToList()) && store.ApproximateNumEntries == model.Count;
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void Iterating_a_range_while_writing_sees_the_snapshot_taken_when_the_range_opened()
    {
        var store = new InMemoryKeyValueBytesStore("snapshot");
        store.Put(Bytes.Wrap([1]), [10]);
        store.Put(Bytes.Wrap([2]), [20]);

        using var iterator = store.All();
        Assert.True(iterator.MoveNext());
        store.Put(Bytes.Wrap([3]), [30]);
        store.Delete(Bytes.Wrap([2]));

        Assert.True(iterator.MoveNext());
        Assert.Equal([2], iterator.Current.Key.Get());
        Assert.False(iterator.MoveNext());
    }

    private static List<KeyValuePair<byte[], byte[]>> Drain(IKeyValueIterator<Bytes, byte[]> iterator)
    {
        using (iterator)
        {
            var entries = new List<KeyValuePair<byte[], byte[]>>();
            while (iterator.MoveNext())
            {
                entries.Add(new(iterator.Current.Key.Get(), iterator.Current.Value));
            }

            return entries;
        }
    }

    private static bool Same(List<KeyValuePair<byte[], byte[]>> actual, List<KeyValuePair<byte[], byte[]>> expected) =>
        actual.Count == expected.Count &&
        actual.Zip(expected).All(p => p.First.Key.AsSpan().SequenceEqual(p.Second.Key) && p.First.Value.AsSpan().SequenceEqual(p.Second.Value));

    internal abstract record Op
    {
        public abstract void Apply(InMemoryKeyValueBytesStore store, SortedDictionary<byte[], byte[]> model);

        protected static string Hex(byte[]? b) => b is null ? "null" : Convert.ToHexString(b);
    }

    internal sealed record PutOp(byte[] Key, int Value) : Op
    {
        public override void Apply(InMemoryKeyValueBytesStore store, SortedDictionary<byte[], byte[]> model)
        {
            var value = BitConverter.GetBytes(Value);
            store.Put(Bytes.Wrap(Key), value);
            model[Key] = value;
        }

        public override string ToString() => $"Put({Hex(Key)}, {Value})";
    }

    internal sealed record DeleteOp(byte[] Key) : Op
    {
        public override void Apply(InMemoryKeyValueBytesStore store, SortedDictionary<byte[], byte[]> model)
        {
            var old = store.Delete(Bytes.Wrap(Key));
            var existed = model.Remove(Key, out var expected);
            if (existed != (old is not null) || (old is not null && !old.AsSpan().SequenceEqual(expected)))
            {
                throw new InvalidOperationException($"Delete({Hex(Key)}) returned {Hex(old)}, model had {Hex(expected)}.");
            }
        }

        public override string ToString() => $"Delete({Hex(Key)})";
    }

    internal sealed record RangeOp(byte[]? From, byte[]? To) : Op
    {
        public override void Apply(InMemoryKeyValueBytesStore store, SortedDictionary<byte[], byte[]> model)
        {
            var cmp = UnsignedBytesComparer.Instance;
            var expected = model.Where(e => (From is null || cmp.Compare(e.Key, From) >= 0) && (To is null || cmp.Compare(e.Key, To) <= 0)).ToList();
            var actual = Drain(store.Range(From is null ? null : Bytes.Wrap(From), To is null ? null : Bytes.Wrap(To)));
            if (!Same(actual, expected))
            {
                throw new InvalidOperationException($"{this}: got {actual.Count} entries, model has {expected.Count}.");
            }
        }

        public override string ToString() => $"Range({Hex(From)}, {Hex(To)})";
    }

    internal sealed record PrefixOp(byte[] Prefix) : Op
    {
        public override void Apply(InMemoryKeyValueBytesStore store, SortedDictionary<byte[], byte[]> model)
        {
            var expected = model.Where(e => e.Key.AsSpan().StartsWith(Prefix)).ToList();
            var actual = Drain(store.PrefixScan(Bytes.Wrap(Prefix)));
            if (!Same(actual, expected))
            {
                throw new InvalidOperationException($"{this}: got {actual.Count} entries, model has {expected.Count}.");
            }
        }

        public override string ToString() => $"Prefix({Hex(Prefix)})";
    }

    internal sealed record AllOp : Op
    {
        public override void Apply(InMemoryKeyValueBytesStore store, SortedDictionary<byte[], byte[]> model)
        {
            if (!Same(Drain(store.All()), model.ToList()))
            {
                throw new InvalidOperationException("All() differs from the model.");
            }
        }

        public override string ToString() => "All()";
    }
}
