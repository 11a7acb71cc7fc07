using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using RecoStreams.Processors.Experiments;
using RecoStreams.QueryApi.Queries;
using RecoStreams.Topology;

namespace RecoStreams.QueryApi.Observability;

/// <summary>
/// The "RecoStreams.Experiments" meter: per experiment and variant, the click-through rate
/// (<c>recostreams_experiment_ctr</c>) and conversion rate (<c>recostreams_experiment_conversion</c>) with
/// their counts, computed at scrape time from the experiment-counts partitions this instance hosts. Each
/// experiment's counts live in one partition, so exactly one instance exports its series; summing or
/// taking max over instances gives the whole picture. A hosted service so the meter exists from the start. Unattributed feedback, and lost and dropped exposures, are counted too.
/// </summary>
public sealed class ExperimentMetrics : IHostedService
{
    public const string MeterName = "RecoStreams.Experiments";

    public ExperimentMetrics(IMeterFactory meterFactory, IExperimentCountsQueries counts, RecoStreamsTopology topology, IExperimentEvents events)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge(
            "recostreams.experiment.ctr",
            () => Rates(counts, topology.Experiments, r => r.Ctr),
            "1",
            "Click-through rate (clicks / items shown) per experiment and variant, over the kept windows.");
        meter.CreateObservableGauge(
            "recostreams.experiment.conversion",
            () => Rates(counts, topology.Experiments, r => r.ConversionRate),
            "1",
            "Conversion rate (purchases / items shown) per experiment and variant, over the kept windows.");
        meter.CreateObservableGauge(
            "recostreams.experiment.impressions",
            () => Rates(counts, topology.Experiments, r => r.Counts.Impressions),
            "{item}",
            "Items shown per experiment and variant, over the kept windows.");
        meter.CreateObservableGauge(
            "recostreams.experiment.clicks",
            () => Rates(counts, topology.Experiments, r => r.Counts.Clicks),
            "{click}",
            "Attributed clicks per experiment and variant, over the kept windows.");
        meter.CreateObservableGauge(
            "recostreams.feedback.unattributed",
            () => counts.LocalCounts().TryGetValue(ExperimentSignal.Unattributed, out var c) ? c.Variants.Values.Sum(v => v.Unattributed) : 0,
            "{feedback}",
            "Feedback with no exposure of its request in the attribution window (orphan or late), or naming none (0 on instances not hosting its count).");
        meter.CreateObservableCounter(
            "recostreams.exposures.lost",
            () => events.ExposuresLost,
            "{exposure}",
            "Exposures queued but not delivered to recommendation-served (producer error, its queue full, a stop that timed out).");
        meter.CreateObservableCounter(
            "recostreams.exposures.dropped",
            () => events.ExposuresDropped,
            "{exposure}",
            "Exposures of served lists not queued because the exposure writer had fallen Experiments:ExposureWriter:Capacity behind.");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static IEnumerable<Measurement<double>> Rates(IExperimentCountsQueries counts, ExperimentCatalog experiments, Func<VariantResult, double> value)
    {
        foreach (var (id, total) in counts.LocalCounts())
        {
            if (experiments.Find(id) is not { } experiment)
            {
                continue;
            }

            foreach (var variant in ExperimentResults.From(experiment, total).Variants)
            {
                yield return new Measurement<double>(
                    value(variant),
                    new KeyValuePair<string, object?>("experiment", id),
                    new KeyValuePair<string, object?>("variant", variant.Name));
            }
        }
    }
}
