using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoStreams.Training;
using Xunit;

namespace RecoStreams.Training.Tests;

public sealed class ModelTrainingOptionsTests
{
    private static OptionsValidationException Invalid(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var services = new ServiceCollection().AddModelLifecycle(configuration).BuildServiceProvider();
        return Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ModelTrainingOptions>>().Value);
    }

    [Fact]
    public void A_schedule_that_does_not_parse_fails_options_validation() =>
        Assert.Contains("cron", Invalid("Models:Schedule", "every night").Message, StringComparison.Ordinal);

    [Fact]
    public void A_held_out_share_outside_0_to_1_fails_options_validation() =>
        Assert.Contains("HoldoutFraction", Invalid("Models:HoldoutFraction", "1").Message, StringComparison.Ordinal);

    [Fact]
    public void A_coverage_floor_above_1_fails_options_validation() =>
        Assert.Contains("CoverageFloor", Invalid("Models:Gate:CoverageFloor", "1.5").Message, StringComparison.Ordinal);

    [Fact]
    public void A_read_back_timeout_that_is_not_positive_fails_options_validation() =>
        Assert.Contains("ReadBackTimeout", Invalid("Models:ReadBackTimeout", "00:00:00").Message, StringComparison.Ordinal);

    [Fact]
    public void The_defaults_are_valid()
    {
        var services = new ServiceCollection().AddModelLifecycle(new ConfigurationBuilder().Build()).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<ModelTrainingOptions>>().Value;

        Assert.False(options.ScheduleEnabled);
        Assert.Equal(0.2, options.HoldoutFraction);
    }
}
