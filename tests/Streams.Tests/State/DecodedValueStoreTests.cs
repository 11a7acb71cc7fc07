using FsCheck;
using FsCheck.Fluent;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using Xunit;
using static RecoStreams.Streams.Tests.State.SortedMapModel;

namespace RecoStreams.Streams.Tests.State;

/// <summary>
/// Keeping decoded values must be invisible to the task's readers (the store reads like a sorted map at every
/// step), and at every flush the changelog must describe exactly the map as it was then, whether values are
/// encoded at once or only at the flush; with a small table, eviction must lose nothing.
/// </summary>
public sealed class DecodedValueStoreTests
{
    private const int Flush = StoreKinds;

    [Theory]
    [InlineData(false, 100)]
    [InlineData(false, 2)]
    [InlineData(true, 100)]
    [InlineData(true, 2)]
    public void A_store_keeping_decoded_values_reads_like_a_sorted_map_and_logs_the_map_at_every_flush(bool encodeOnFlush, int capacity)
    {
        var property = Prop.ForAll(Operations(Flush).ArrayOf().ToArbitrary(), ((int Kind, string Key, string Key2, long Value)[] ops) =>
        {
            var context = new RecordingStoreContext(0);
            var store = Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("d"), Serdes.String, Serdes.Long)
                .WithDecodedValuesKept(capacity, encodeOnFlush)
                .Build();
            store.Init(context);
            var model = new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (var op in ops)
            {
                if (op.Kind == Flush)
                {
                    store.Flush();
                    if (!Replay(context.Logged).SequenceEqual(model))
                    {
                        return false;
                    }
                }
                else if (!Apply(store, model, op))
                {
                    return false;
                }
            }

            store.Flush();
            return Replay(context.Logged).SequenceEqual(model) && Drain(store.All()).SequenceEqual(model);
        });

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    [Fact]
    public void The_task_thread_decodes_a_value_once_while_it_is_kept()
    {
        var serde = new CountingSerde();
        var store = Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("d"), Serdes.String, serde).WithDecodedValuesKept(10).Build();
        store.Init(new RecordingStoreContext(0));
        store.Put("a", new Box(1));
        serde.Reset();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(1, store.Get("a")!.Value);
        }

        Assert.Equal(0, serde.Decoded);
    }

    [Fact]
    public void Encoding_on_flush_writes_a_changed_value_once_at_the_flush_and_other_threads_read_the_last_flush()
    {
        var serde = new CountingSerde();
        var context = new RecordingStoreContext(0);
        var store = Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("d"), Serdes.String, serde)
            .WithDecodedValuesKept(10, encodeOnFlush: true)
            .Build();
        store.Init(context);
        store.Put("a", new Box(1));
        store.Flush();
        serde.Reset();

        for (var i = 2; i <= 5; i++)
        {
            var value = store.Get("a")!;
            store.Put("a", value with { Value = i });
        }

        Assert.Equal(0, serde.Encoded);
        Assert.Equal(1, ReadOnAnotherThread(store, "a"));

        store.Flush();

        Assert.Equal(1, serde.Encoded);
        Assert.Equal(5, ReadOnAnotherThread(store, "a"));
        Assert.Equal(2, context.Logged.Count);
    }

    [Fact]
    public void Writing_through_reaches_the_changelog_and_other_threads_at_once()
    {
        var context = new RecordingStoreContext(0);
        var store = Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("d"), Serdes.String, new CountingSerde())
            .WithDecodedValuesKept(10)
            .Build();
        store.Init(context);

        store.Put("a", new Box(7));

        Assert.Single(context.Logged);
        Assert.Equal(7, ReadOnAnotherThread(store, "a"));
    }

    [Fact]
    public void Deleting_a_value_not_yet_encoded_reports_it_present_and_logs_a_tombstone()
    {
        var context = new RecordingStoreContext(0);
        var store = Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore("d"), Serdes.String, new CountingSerde())
            .WithDecodedValuesKept(10, encodeOnFlush: true)
            .Build();
        store.Init(context);
        store.Put("a", new Box(1));

        Assert.True(store.Delete("a"));
        store.Flush();

        Assert.False(store.TryGet("a", out _));
        Assert.Null(Assert.Single(context.Logged).Value);
    }

    private static int ReadOnAnotherThread(IKeyValueStore<string, Box> store, string key)
    {
        var value = -1;
        var reader = new Thread(() => value = store.Get(key)!.Value);
        reader.Start();
        reader.Join();
        return value;
    }

    private sealed record Box(int Value);

    private sealed class CountingSerde : ISerde<Box>
    {
        public int Encoded { get; private set; }

        public int Decoded { get; private set; }

        public void Reset() => (Encoded, Decoded) = (0, 0);

        public byte[] Serialize(Box value, in SerdeContext context)
        {
            Encoded++;
            return BitConverter.GetBytes(value.Value);
        }

        public Box Deserialize(ReadOnlySpan<byte> data, in SerdeContext context)
        {
            Decoded++;
            return new Box(BitConverter.ToInt32(data));
        }
    }
}
