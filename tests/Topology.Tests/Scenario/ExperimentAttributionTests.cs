using RecoStreams.Processors.Domain;
using RecoStreams.Processors.Experiments;
using RecoStreams.Processors.Processing;
using RecoStreams.Processors.Serdes;
using RecoStreams.Streams.Processor;
using RecoStreams.Streams.Serialization;
using RecoStreams.Streams.State;
using RecoStreams.Streams.Testing;
using RecoStreams.Topology.Mapping;
using RecoStreams.Topology.Tests.Support;
using RecoStreams.Topology.Wire;
using Xunit;
using static RecoStreams.Topology.Tests.Support.RecoScenario;

namespace RecoStreams.Topology.Tests.Scenario;

/// <summary>Exposures and feedback through the full topology: attribution by request id, counts per variant, profile feed.</summary>
public sealed class ExperimentAttributionTests
{
    private static readonly DateTimeOffset Now = T0.AddHours(1);

    private static readonly Experiment Ab = new(
        "ab-1",
        "diversity",
        [new ExperimentVariant("control", 1, true, null, null), new ExperimentVariant("treatment", 1, false, null, "m-2")],
        new ExperimentTargeting(1, []),
        Now.AddHours(-1).ToUnixTimeMilliseconds(),
        null,
        Now.AddHours(-1).ToUnixTimeMilliseconds());

    private sealed class Topics(RecoDriver reco)
    {
        public TestInputTopic<string, Exposure> Served { get; } = reco.Driver.CreateInputTopic(
            RecoTopics.RecommendationServed,
            Serdes.String,
            new ConfluentAvroSerde<Avro.Contracts.RecommendationServed, Exposure>(
                Avro.Contracts.RecommendationServedContract.Instance, reco.Registry, ExposureMapper.ToContract, ExposureMapper.ToDomain));

        public TestInputTopic<string, Feedback> Feedback { get; } = reco.Driver.CreateInputTopic(
            RecoTopics.RecommendationFeedback,
            Serdes.String,
            new ConfluentAvroSerde<Avro.Contracts.RecommendationFeedback, Feedback>(
                Avro.Contracts.RecommendationFeedbackContract.Instance, reco.Registry, FeedbackMapper.ToContract, FeedbackMapper.ToDomain));

        public TestInputTopic<string, Experiment> Experiments { get; } =
            reco.Driver.CreateInputTopic(reco.Reco.Topics.Experiments, Serdes.String, new ExperimentSerde());
    }

    private static Exposure Served(string requestId, string user, string variant, long at) =>
        new(requestId, user, Ab.Id, variant, null, "test", [new ServedItem(Dramas[0], 1), new ServedItem(Dramas[1], 2), new ServedItem(Comedies[0], 3)], at);

    private static Feedback Clicked(string requestId, string user, string item, int position, long at, FeedbackAction action = FeedbackAction.Click) =>
        new(Guid.NewGuid().ToString("D"), user, requestId, item, action, position, at);

    private static string Request() => Guid.NewGuid().ToString("D");

    [Fact]
    public async Task Feedback_joined_with_its_exposure_is_counted_per_variant_and_position()
    {
        using var reco = await RecoDriver.StartAsync(StateStoreKind.InMemory, Now);
        reco.AddCatalog(Catalog);
        var topics = new Topics(reco);
        topics.Experiments.PipeInput(Ab.Id, Ab, Now.ToUnixTimeMilliseconds());
        var t = Now.ToUnixTimeMilliseconds();
        var (r1, r2, r3) = (Request(), Request(), Request());

        topics.Served.PipeInput("u1", Served(r1, "u1", "control", t), t);
        topics.Served.PipeInput("u2", Served(r2, "u2", "treatment", t), t);
        topics.Served.PipeInput("u3", Served(r3, "u3", "treatment", t + 1_000), t + 1_000);
        topics.Feedback.PipeInput("u2", Clicked(r2, "u2", Dramas[1], 2, t + 5_000), t + 5_000);
        topics.Feedback.PipeInput("u3", Clicked(r3, "u3", Dramas[0], 1, t + 6_000), t + 6_000);
        topics.Feedback.PipeInput("u3", Clicked(r3, "u3", Dramas[0], 1, t + 7_000, FeedbackAction.Purchase), t + 7_000);

        var counts = ExperimentCountsProcessor.Total(reco.Driver.GetWindowStore<string, ExperimentCounts>(RecoStoreNames.ExperimentCounts), Ab.Id);
        var control = counts.Variants["control"];
        var treatment = counts.Variants["treatment"];
        Assert.Equal((1, 3, 0), (control.Exposures, control.Impressions, control.Clicks));
        Assert.Equal((2, 6, 2, 1), (treatment.Exposures, treatment.Impressions, treatment.Clicks, treatment.Purchases));
        Assert.Equal([1L, 1L], treatment.ClicksByPosition);
        Assert.Equal([2L, 2L, 2L], treatment.ImpressionsByPosition);

        var results = ExperimentResults.From(Ab, counts);
        Assert.Equal(2.0 / 6, results.Variants.Single(v => v.Name == "treatment").Ctr, 9);
    }

    [Fact]
    public async Task Feedback_without_an_exposure_in_the_window_is_counted_as_unattributed_once_the_window_closes()
    {
        using var reco = await RecoDriver.StartAsync(StateStoreKind.InMemory, Now);
        reco.AddCatalog(Catalog);
        var topics = new Topics(reco);
        topics.Experiments.PipeInput(Ab.Id, Ab, Now.ToUnixTimeMilliseconds());
        var t = Now.ToUnixTimeMilliseconds();

        topics.Feedback.PipeInput("u1", Clicked(Request(), "u1", Dramas[0], 1, t), t);          // orphan: no exposure ever
        var store = reco.Driver.GetWindowStore<string, ExperimentCounts>(RecoStoreNames.ExperimentCounts);
        Assert.Empty(ExperimentCountsProcessor.Total(store, ExperimentSignal.Unattributed).Variants);

        var options = new RecoTopologyOptions { ApplicationId = RecoDriver.ApplicationId }.Experiments;
        var closed = t + (long)(options.ClockSkew + options.Grace).TotalMilliseconds + 1;
        topics.Served.PipeInput("u9", Served(Request(), "u9", "control", closed), closed); // advances stream time past the window

        var unattributed = ExperimentCountsProcessor.Total(store, ExperimentSignal.Unattributed);
        Assert.Equal(1, unattributed.Variants.Values.Sum(v => v.Unattributed));
        Assert.Equal(0, ExperimentCountsProcessor.Total(store, Ab.Id).Variants.Values.Sum(v => v.Clicks));
    }

    [Fact]
    public async Task Exposures_and_feedback_of_lists_outside_any_experiment_stay_out_of_the_join_while_orphan_feedback_is_counted()
    {
        using var reco = await RecoDriver.StartAsync(StateStoreKind.InMemory, Now);
        reco.AddCatalog(Catalog);
        var topics = new Topics(reco);
        topics.Experiments.PipeInput(Ab.Id, Ab, Now.ToUnixTimeMilliseconds());
        var t = Now.ToUnixTimeMilliseconds();
        var outside = RequestIds.New(inExperiment: false);
        var orphan = RequestIds.New(inExperiment: true);

        var exposure = new Exposure(outside, "u1", null, null, null, "test", [new ServedItem(Dramas[0], 1)], t);
        topics.Served.PipeInput("u1", exposure, t); // no header: its request id alone keeps it out
        topics.Feedback.PipeInput("u1", Clicked(outside, "u1", Dramas[0], 1, t + 1_000), t + 1_000);
        topics.Feedback.PipeInput("u2", Clicked(orphan, "u2", Dramas[0], 1, t + 2_000), t + 2_000);

        using (var joined = reco.Driver.GetWindowStore<string, IReadOnlyList<Exposure>>(RecoStoreNames.Attribution + "-other-join").All())
        {
            Assert.False(joined.MoveNext());
        }

        var options = new RecoTopologyOptions { ApplicationId = RecoDriver.ApplicationId }.Experiments;
        var closed = t + 2_000 + (long)(options.ClockSkew + options.Grace).TotalMilliseconds + 1;
        topics.Served.PipeInput("u9", Served(Request(), "u9", "control", closed), closed); // closes both feedbacks' windows

        var store = reco.Driver.GetWindowStore<string, ExperimentCounts>(RecoStoreNames.ExperimentCounts);
        Assert.Equal(1, ExperimentCountsProcessor.Total(store, ExperimentSignal.Unattributed).Variants.Values.Sum(v => v.Unattributed));
        Assert.Equal(0, ExperimentCountsProcessor.Total(store, Ab.Id).Variants.Values.Sum(v => v.Clicks));
        Assert.Equal(1, reco.Driver.GetKeyValueStore<string, UserProfile>(RecoStoreNames.Profiles).Get("u1")?.Interactions);
    }

    [Fact]
    public async Task A_click_and_a_dismissal_feed_the_users_profile_like_other_events()
    {
        using var reco = await RecoDriver.StartAsync(StateStoreKind.InMemory, Now);
        reco.AddCatalog(Catalog);
        var topics = new Topics(reco);
        var t = Now.ToUnixTimeMilliseconds();

        topics.Feedback.PipeInput("u5", Clicked(Request(), "u5", Dramas[0], 1, t), t);
        topics.Feedback.PipeInput("u5", Clicked(Request(), "u5", Comedies[0], 2, t + 1, FeedbackAction.Dismiss), t + 1);

        var profile = reco.Driver.GetKeyValueStore<string, UserProfile>(RecoStoreNames.Profiles).Get("u5");
        Assert.NotNull(profile);
        Assert.Equal(2, profile.Interactions);
        Assert.Equal(1, profile.PositiveInteractions);
    }
}
