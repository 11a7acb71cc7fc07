using RecoStreams.Avro.Compatibility;
using RecoStreams.Avro.Registry;
using RecoStreams.Avro.Registry.Embedded;
using Xunit;

namespace RecoStreams.Avro.Tests.Registry;

public sealed class EmbeddedSchemaRegistryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<EmbeddedSchemaRegistry> Open(ISchemaStore? store = null) =>
        EmbeddedSchemaRegistry.OpenAsync(store ?? new InMemorySchemaStore(), Ct);

    [Fact]
    public async Task Schemas_with_the_same_canonical_form_share_one_id_across_subjects()
    {
        var registry = await Open();

        var first = await registry.RegisterAsync("a-value", RegistrySchemas.V1, Ct);
        var again = await registry.RegisterAsync("a-value", RegistrySchemas.V1Reformatted, Ct);
        var elsewhere = await registry.RegisterAsync("b-value", RegistrySchemas.V1Reformatted, Ct);

        Assert.Equal(first, again);
        Assert.Equal(first, elsewhere);
        Assert.Equal([1], await registry.GetVersionsAsync("a-value", Ct));
        Assert.Equal(RegistrySchemas.V1, await registry.GetSchemaByIdAsync(first, Ct));
    }

    [Fact]
    public async Task A_schema_that_only_changes_a_default_is_a_new_version_not_a_duplicate()
    {
        var registry = await Open();
        const string withDefault = """{"type":"record","name":"User","namespace":"t","fields":[{"name":"id","type":"string","default":"none"}]}""";

        var v1 = await registry.RegisterAsync("s", RegistrySchemas.V1, Ct);
        var v2 = await registry.RegisterAsync("s", withDefault, Ct);

        Assert.NotEqual(v1, v2);
        Assert.Equal([1, 2], await registry.GetVersionsAsync("s", Ct));
    }

    [Fact]
    public async Task New_versions_get_new_ids_and_consecutive_version_numbers()
    {
        var registry = await Open();

        var v1 = await registry.RegisterAsync("s", RegistrySchemas.V1, Ct);
        var v2 = await registry.RegisterAsync("s", RegistrySchemas.V2AddedWithDefault, Ct);

        Assert.NotEqual(v1, v2);
        Assert.Equal([1, 2], await registry.GetVersionsAsync("s", Ct));
        Assert.Equal(v2, (await registry.GetVersionAsync("s", null, Ct)).Id);
    }

    [Fact]
    public async Task Backward_is_the_default_and_rejects_a_field_added_without_default()
    {
        var registry = await Open();
        await registry.RegisterAsync("s", RegistrySchemas.V1, Ct);

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => registry.RegisterAsync("s", RegistrySchemas.V2AddedWithoutDefault, Ct));

        Assert.Equal(SchemaRegistryErrorCodes.IncompatibleSchema, error.ErrorCode);
        Assert.Equal(409, error.HttpStatus);
        Assert.Contains("email", error.Message, StringComparison.Ordinal);
        Assert.Equal([1], await registry.GetVersionsAsync("s", Ct));
    }

    [Fact]
    public async Task Transitive_levels_check_every_earlier_version_not_just_the_latest()
    {
        const string withoutAge = RegistrySchemas.V1;
        const string withAgeDefault = RegistrySchemas.V2AddedWithDefault;
        const string ageWithoutDefault = """{"type":"record","name":"User","namespace":"t","fields":[{"name":"id","type":"string"},{"name":"age","type":"int"}]}""";
        var plain = await Open();
        var transitive = await Open();
        await transitive.SetCompatibilityAsync(CompatibilityLevel.BackwardTransitive, null, Ct);
        foreach (var registry in new[] { plain, transitive })
        {
            await registry.RegisterAsync("s", withoutAge, Ct);
            await registry.RegisterAsync("s", withAgeDefault, Ct);
        }

        // Reads version 2 (which has age) fine, but not version 1 (which lacks it).
        await plain.RegisterAsync("s", ageWithoutDefault, Ct);
        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => transitive.RegisterAsync("s", ageWithoutDefault, Ct));
        Assert.Contains("version 1 of 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subject_level_overrides_the_global_level()
    {
        var registry = await Open();
        await registry.SetCompatibilityAsync(CompatibilityLevel.None, "free", Ct);

        Assert.Equal(CompatibilityLevel.None, await registry.GetCompatibilityAsync("free", Ct));
        Assert.Equal(CompatibilityLevel.Backward, await registry.GetCompatibilityAsync("other", Ct));
        Assert.Null(registry.GetSubjectCompatibilityOverride("other"));
    }

    [Fact]
    public async Task Soft_deleted_subjects_disappear_but_their_ids_still_resolve_and_versions_are_not_reused()
    {
        var registry = await Open();
        var id = await registry.RegisterAsync("s", RegistrySchemas.V1, Ct);

        Assert.Equal([1], await registry.DeleteSubjectAsync("s", Ct));

        Assert.Empty(await registry.GetSubjectsAsync(Ct));
        Assert.Equal(40401, (await Assert.ThrowsAsync<SchemaRegistryException>(() => registry.GetVersionsAsync("s", Ct))).ErrorCode);
        Assert.Equal(RegistrySchemas.V1, await registry.GetSchemaByIdAsync(id, Ct));
        Assert.Equal(id, await registry.RegisterAsync("s", RegistrySchemas.V1, Ct));
        Assert.Equal([2], await registry.GetVersionsAsync("s", Ct));
    }

    [Fact]
    public async Task Invalid_schemas_and_versions_are_rejected_with_their_codes()
    {
        var registry = await Open();
        await registry.RegisterAsync("s", RegistrySchemas.V1, Ct);

        async Task<int> CodeOf(Func<Task> call) => (await Assert.ThrowsAsync<SchemaRegistryException>(call)).ErrorCode;

        Assert.Equal(42201, await CodeOf(() => registry.RegisterAsync("s", "", Ct)));
        Assert.Equal(42201, await CodeOf(() => registry.RegisterAsync("s", """{"type":"record","name":"X"}""", Ct)));
        Assert.Equal(42202, await CodeOf(() => registry.GetVersionAsync("s", 0, Ct)));
        Assert.Equal(40402, await CodeOf(() => registry.GetVersionAsync("s", 2, Ct)));
    }

    [Fact]
    public async Task Reopening_over_the_same_store_restores_subjects_ids_versions_and_levels()
    {
        var store = new InMemorySchemaStore();
        var registry = await Open(store);
        var v1 = await registry.RegisterAsync("s", RegistrySchemas.V1, Ct);
        await registry.SetCompatibilityAsync(CompatibilityLevel.Forward, "s", Ct);
        await registry.SetCompatibilityAsync(CompatibilityLevel.Full, null, Ct);
        var v2 = await registry.RegisterAsync("s", RegistrySchemas.V2AddedWithDefault, Ct);

        var reopened = await Open(store);

        Assert.Equal(new RegisteredSchema("s", 2, v2, RegistrySchemas.V2AddedWithDefault), await reopened.GetVersionAsync("s", null, Ct));
        Assert.Equal(RegistrySchemas.V1, await reopened.GetSchemaByIdAsync(v1, Ct));
        Assert.Equal(CompatibilityLevel.Forward, await reopened.GetCompatibilityAsync("s", Ct));
        Assert.Equal(CompatibilityLevel.Full, await reopened.GetCompatibilityAsync(null, Ct));
        Assert.Equal(v2 + 1, await reopened.RegisterAsync("t", RegistrySchemas.V2AddedWithoutDefault, Ct));
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_schema_yield_one_id_and_one_version()
    {
        var registry = await Open();

        var ids = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => registry.RegisterAsync("s", RegistrySchemas.V1, Ct), Ct)));

        Assert.Single(ids.Distinct());
        Assert.Equal([1], await registry.GetVersionsAsync("s", Ct));
    }

    [Fact]
    public async Task Registries_sharing_a_store_resolve_each_others_ids_and_never_reuse_them()
    {
        var store = new InMemorySchemaStore();
        var first = await Open(store);
        var second = await Open(store);

        var fromFirst = await first.RegisterAsync("a-value", RegistrySchemas.V1, Ct);
        Assert.Equal(RegistrySchemas.V1, await second.GetSchemaByIdAsync(fromFirst, Ct));

        var fromSecond = await second.RegisterAsync("b-value", RegistrySchemas.V2AddedWithoutDefault, Ct);
        Assert.NotEqual(fromFirst, fromSecond);
        Assert.Equal(fromFirst, await second.RegisterAsync("c-value", RegistrySchemas.V1, Ct));
        Assert.Equal(RegistrySchemas.V2AddedWithoutDefault, await first.GetSchemaByIdAsync(fromSecond, Ct));
    }

    [Fact]
    public async Task Unknown_ids_replay_the_store_only_when_it_has_grown_since_the_last_replay()
    {
        var store = new CountingSchemaStore();
        var registry = await Open(store);
        var replaysAfterOpen = store.Replays;

        for (var i = 0; i < 20; i++)
        {
            var missing = await Assert.ThrowsAsync<SchemaRegistryException>(() => registry.GetSchemaByIdAsync(1000 + i, Ct));
            Assert.Equal(40403, missing.ErrorCode);
        }

        Assert.Equal(replaysAfterOpen, store.Replays);

        // Another process registers: the first unknown id after that replays once and finds it.
        var other = await Open(store);
        var id = await other.RegisterAsync("a-value", RegistrySchemas.V1, Ct);
        var before = store.Replays;
        Assert.Equal(RegistrySchemas.V1, await registry.GetSchemaByIdAsync(id, Ct));
        await Assert.ThrowsAsync<SchemaRegistryException>(() => registry.GetSchemaByIdAsync(id + 1, Ct));
        Assert.Equal(before + 1, store.Replays);
    }

    [Fact]
    public async Task Concurrent_lookups_of_an_id_registered_elsewhere_share_one_replay()
    {
        var store = new CountingSchemaStore();
        var registry = await Open(store);
        var id = await (await Open(store)).RegisterAsync("a-value", RegistrySchemas.V1, Ct);
        var before = store.Replays;
        // The first replay waits until every lookup has seen the grown store and queued for a replay of its own.
        store.HoldReplaysUntilEndAsked(16);

        var schemas = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => registry.GetSchemaByIdAsync(id, Ct), Ct)));

        Assert.All(schemas, schema => Assert.Equal(RegistrySchemas.V1, schema));
        Assert.Equal(before + 1, store.Replays);
    }

    [Fact]
    public async Task Two_processes_registering_different_schemas_at_once_get_different_ids_that_every_reader_resolves_alike()
    {
        var log = new InMemorySchemaStore();
        var first = await Open(log);
        var firstId = 0;
        // The second registry has replayed the (empty) log and chosen its id when the first one appends.
        var second = await Open(new InterleavingSchemaStore(log, async () => firstId = await first.RegisterAsync("a-value", RegistrySchemas.V1, Ct)));

        var secondId = await second.RegisterAsync("b-value", RegistrySchemas.V2AddedWithoutDefault, Ct);

        Assert.NotEqual(firstId, secondId);
        var reader = await Open(log);
        foreach (var registry in new[] { first, second, reader })
        {
            Assert.Equal(RegistrySchemas.V1, await registry.GetSchemaByIdAsync(firstId, Ct));
            Assert.Equal(RegistrySchemas.V2AddedWithoutDefault, await registry.GetSchemaByIdAsync(secondId, Ct));
        }

        Assert.Equal(new RegisteredSchema("b-value", 1, secondId, RegistrySchemas.V2AddedWithoutDefault), await reader.GetVersionAsync("b-value", null, Ct));
        // The record that lost was retracted, so a compacted log cannot keep it in place of the winner.
        Assert.Equal(
            [new SchemaVersionRecord("a-value", 1, firstId, RegistrySchemas.V1), new SchemaVersionRecord("b-value", 1, secondId, RegistrySchemas.V2AddedWithoutDefault)],
            log.Records);
    }

    [Fact]
    public async Task Two_processes_adding_versions_to_one_subject_at_once_get_consecutive_versions()
    {
        var log = new InMemorySchemaStore();
        var first = await Open(log);
        await first.RegisterAsync("s", RegistrySchemas.V1, Ct);
        await first.SetCompatibilityAsync(CompatibilityLevel.None, "s", Ct);
        var firstId = 0;
        var second = await Open(new InterleavingSchemaStore(log, async () => firstId = await first.RegisterAsync("s", RegistrySchemas.V2AddedWithDefault, Ct)));

        var secondId = await second.RegisterAsync("s", RegistrySchemas.V2AddedWithoutDefault, Ct);

        var reader = await Open(log);
        Assert.Equal([1, 2, 3], await reader.GetVersionsAsync("s", Ct));
        Assert.Equal(firstId, (await reader.GetVersionAsync("s", 2, Ct)).Id);
        Assert.Equal(new RegisteredSchema("s", 3, secondId, RegistrySchemas.V2AddedWithoutDefault), await reader.GetVersionAsync("s", 3, Ct));
        Assert.Equal(3, log.Records.OfType<SchemaVersionRecord>().Count());
    }

    [Fact]
    public async Task A_log_record_that_reuses_a_taken_id_or_version_for_another_schema_is_ignored_on_replay()
    {
        var log = new InMemorySchemaStore();
        await log.AppendAsync(new SchemaVersionRecord("a-value", 1, 1, RegistrySchemas.V1), Ct);
        await log.AppendAsync(new SchemaVersionRecord("b-value", 1, 1, RegistrySchemas.V2AddedWithoutDefault), Ct);
        await log.AppendAsync(new SchemaVersionRecord("a-value", 1, 2, RegistrySchemas.V2AddedWithDefault), Ct);
        // The same schema under the same id is no conflict: a second subject sharing it.
        await log.AppendAsync(new SchemaVersionRecord("c-value", 1, 1, RegistrySchemas.V1Reformatted), Ct);

        var registry = await Open(log);

        Assert.Equal(RegistrySchemas.V1, await registry.GetSchemaByIdAsync(1, Ct));
        await Assert.ThrowsAsync<SchemaRegistryException>(() => registry.GetSchemaByIdAsync(2, Ct));
        Assert.Equal(["a-value", "c-value"], await registry.GetSubjectsAsync(Ct));
        Assert.Equal([1], await registry.GetVersionsAsync("a-value", Ct));
        Assert.Equal(2, await registry.RegisterAsync("b-value", RegistrySchemas.V2AddedWithoutDefault, Ct));
    }

    [Fact]
    public async Task A_soft_delete_first_retracts_records_that_lost_a_race_and_were_never_retracted()
    {
        // A writer appended a record that lost (its version and id were taken) and died before retracting it.
        var log = new InMemorySchemaStore();
        var winner = new SchemaVersionRecord("a-value", 1, 1, RegistrySchemas.V1);
        await log.AppendAsync(winner, Ct);
        await log.AppendAsync(new SchemaVersionRecord("a-value", 1, 2, RegistrySchemas.V2AddedWithoutDefault), Ct);
        await log.AppendAsync(new SchemaVersionRecord("b-value", 1, 1, RegistrySchemas.V2AddedWithDefault), Ct);
        var registry = await Open(log);

        await registry.DeleteSubjectAsync("a-value", Ct);

        Assert.Equal([winner, winner with { Deleted = true }], log.Records);
        Assert.Equal(RegistrySchemas.V1, await (await Open(log)).GetSchemaByIdAsync(1, Ct));
    }

    /// <summary>An in-memory store that counts full replays; it can hold replays until its end was asked for N times.</summary>
    private sealed class CountingSchemaStore : ISchemaStore
    {
        private readonly InMemorySchemaStore _inner = new();
        private TaskCompletionSource _endsAsked = new();
        private int _endsToWaitFor;

        public int Replays { get; private set; }

        /// <summary>From now on a replay starts only once <paramref name="times"/> more end lookups have been made.</summary>
        public void HoldReplaysUntilEndAsked(int times)
        {
            _endsAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _endsToWaitFor, times);
        }

        public Task<long> EndAsync(CancellationToken cancellationToken = default)
        {
            if (Interlocked.Decrement(ref _endsToWaitFor) == 0)
            {
                _endsAsked.TrySetResult();
            }

            return _inner.EndAsync(cancellationToken);
        }

        public Task AppendAsync(SchemaRegistryRecord record, CancellationToken cancellationToken = default) => _inner.AppendAsync(record, cancellationToken);

        public Task RetractAsync(SchemaVersionRecord lost, CancellationToken cancellationToken = default) => _inner.RetractAsync(lost, cancellationToken);

        public async IAsyncEnumerable<SchemaRegistryRecord> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (Volatile.Read(ref _endsToWaitFor) > 0)
            {
                await _endsAsked.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }

            Replays++;
            await foreach (var record in _inner.ReadAllAsync(cancellationToken))
            {
                yield return record;
            }
        }
    }

    /// <summary>
    /// Another process's view of a shared log: before its first append, another writer's work runs, as when two
    /// processes replay the log at the same moment and both append after.
    /// </summary>
    private sealed class InterleavingSchemaStore(ISchemaStore log, Func<Task> beforeFirstAppend) : ISchemaStore
    {
        private Func<Task>? _beforeFirstAppend = beforeFirstAppend;

        public Task<long> EndAsync(CancellationToken cancellationToken = default) => log.EndAsync(cancellationToken);

        public IAsyncEnumerable<SchemaRegistryRecord> ReadAllAsync(CancellationToken cancellationToken = default) => log.ReadAllAsync(cancellationToken);

        public Task RetractAsync(SchemaVersionRecord lost, CancellationToken cancellationToken = default) => log.RetractAsync(lost, cancellationToken);

        public async Task AppendAsync(SchemaRegistryRecord record, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref _beforeFirstAppend, null) is { } interleaved)
            {
                await interleaved();
            }

            await log.AppendAsync(record, cancellationToken);
        }
    }
}
