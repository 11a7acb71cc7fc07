using Confluent.Kafka;
using RecoStreams.Avro.Contracts;
using RecoStreams.Processors.Experiments;
using RecoStreams.Processors.Processing;
using RecoStreams.Streams.Kafka.Application;
using RecoStreams.Streams.State;
using RecoStreams.Topology;
using RecoStreams.Topology.Mapping;
using RecoStreams.Topology.Wire;
using Xunit;
using static RecoStreams.EndToEnd.Tests.Mock.RecoOnMockCluster;
using Feedback = RecoStreams.Processors.Experiments.Feedback;
using ServedItem = RecoStreams.Processors.Experiments.ServedItem;

namespace RecoStreams.EndToEnd.Tests.Experiments;

/// <summary>
/// Synthetic users with known click probabilities per variant (treatment 20 % better than control), assigned
/// by the real assigner, served lists as exposures and clicking as feedback through the real topology on the
/// mock cluster. The traffic is what a two-sided test at 5 % needs for 99 % power; the measured relative uplift's
/// 95 % interval must contain the true 20 % and the z-test must call it significant. With this fixed seed the
/// run is deterministic; over random seeds each of the two checks fails with probability about 1 % and 5 %.
/// </summary>
public sealed class AbSimulationOnMockClusterTests
{
    private const string App = "reco-ab-sim";
    private const int ItemsPerList = 10;
    private const double ControlCtr = 0.10;
    private const double TrueUplift = 0.20;

    private static readonly Experiment Ab = new(
        "sim-1",
        "20 % better variant",
        [new ExperimentVariant("control", 1, true, null, null), new ExperimentVariant("treatment", 1, false, null, "m-2")],
        new ExperimentTargeting(1, []),
        0,
        null,
        0);

    [Fact]
    public async Task The_measured_uplift_contains_the_true_one_and_is_detected_at_the_traffic_computed_for_it()
    {
        var output = TestContext.Current.TestOutputHelper!;
        var treatmentCtr = ControlCtr * (1 + TrueUplift);
        var impressionsPerArm = ProportionStatistics.RequiredTrialsPerArm(ControlCtr, treatmentCtr, alpha: 0.05, power: 0.99);
        var lists = (int)(2 * impressionsPerArm / ItemsPerList) + 1;
        output.WriteLine($"needed: {impressionsPerArm} impressions per arm at alpha 0.05, power 0.99 -> {lists} lists of {ItemsPerList}");

        using var reco = await CreateAsync(App, commitInterval: TimeSpan.FromMilliseconds(200));
        var app = reco.App;
        try
        {
            app.Start();
            WaitFor(() => app.State == KafkaStreamsState.Running, () => $"state Running (now {app.State}; {app.Failure?.Message})");
            var served = new ConfluentAvroSerde<RecommendationServed, Exposure>(
                RecommendationServedContract.Instance, reco.Registry, ExposureMapper.ToContract, ExposureMapper.ToDomain);
            var feedbackSerde = new ConfluentAvroSerde<RecommendationFeedback, Feedback>(
                RecommendationFeedbackContract.Instance, reco.Registry, FeedbackMapper.ToContract, FeedbackMapper.ToDomain);
            using var producer = reco.Producer();

            var random = new Random(20261206);
            var sent = new Dictionary<string, (long Impressions, long Clicks)> { ["control"] = (0, 0), ["treatment"] = (0, 0) };
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            for (var i = 0; i < lists; i++)
            {
                var user = $"sim-user-{random.Next(5_000)}";
                var variant = ExperimentAssigner.VariantOf(Ab, user).Name;
                var requestId = Guid.NewGuid().ToString("D");
                var items = Enumerable.Range(1, ItemsPerList).Select(p => new ServedItem($"item-{random.Next(200)}", p)).ToList();
                var exposure = new Exposure(requestId, user, Ab.Id, variant, null, "sim", items, now);
                producer.Produce(RecoTopics.RecommendationServed, new Message<string, byte[]> { Key = user, Value = served.Serialize(exposure, new(RecoTopics.RecommendationServed, false)) });
                var p = variant == "control" ? ControlCtr : treatmentCtr;
                var clicks = 0;
                foreach (var item in items.Where(_ => random.NextDouble() < p))
                {
                    clicks++;
                    var click = new Feedback(Guid.NewGuid().ToString("D"), user, requestId, item.ItemId, FeedbackAction.Click, item.Position, now);
                    producer.Produce(RecoTopics.RecommendationFeedback, new Message<string, byte[]> { Key = user, Value = feedbackSerde.Serialize(click, new(RecoTopics.RecommendationFeedback, false)) });
                }

                sent[variant] = (sent[variant].Impressions + ItemsPerList, sent[variant].Clicks + clicks);
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
            ExperimentCounts counts = new();
            WaitFor(
                () =>
                {
                    counts = Total(app, Ab.Id);
                    return sent.All(s => counts.Variants.TryGetValue(s.Key, out var c) && c.Impressions == s.Value.Impressions && c.Clicks == s.Value.Clicks);
                },
                () => $"every exposure and click counted (sent {string.Join(", ", sent)}; counted {string.Join(", ", counts.Variants.Select(v => $"{v.Key}: {v.Value.Impressions}/{v.Value.Clicks}"))})");

            var results = ExperimentResults.From(Ab, counts);
            var treatment = results.Variants.Single(v => v.Name == "treatment");
            var comparison = treatment.CtrVsControl!;
            output.WriteLine(
                $"control CTR {results.Variants[0].Ctr:F4}, treatment CTR {treatment.Ctr:F4}; uplift {comparison.RelativeUplift:P1} " +
                $"[{comparison.RelativeUpliftInterval.Low:P1}, {comparison.RelativeUpliftInterval.High:P1}], z {comparison.ZScore:F2}, p {comparison.PValue:G3}");
            Assert.True(comparison.RelativeUpliftInterval.Contains(TrueUplift), "the 95 % interval of the uplift misses the true 20 %");
            Assert.True(comparison.Significant, "the 20 % uplift was not detected at the traffic computed for 99 % power");
            Assert.True(app.Close(TimeSpan.FromSeconds(20)), "the application did not close within 20 s");
        }
        catch
        {
            foreach (var line in reco.LogLines)
            {
                output.WriteLine(line);
            }

            throw;
        }
    }

    private static ExperimentCounts Total(KafkaStreams app, string experimentId)
    {
        var total = new ExperimentCounts();
        try
        {
            foreach (var store in app.Stores<IReadOnlyWindowStore<string, ExperimentCounts>>(RecoStoreNames.ExperimentCounts).Values)
            {
                total.Add(ExperimentCountsProcessor.Total(store, experimentId));
            }
        }
        catch (InvalidOperationException)
        {
            // A store moved or closed mid-read: the caller polls again.
        }

        return total;
    }
}
