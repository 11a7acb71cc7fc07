using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RecoStreams.QueryApi.Hosting;
using RecoStreams.QueryApi.Queries;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Queries;

public sealed class ExposureWriterOptionsTests
{
    private static ExposureWriterOptions Bound(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddRecoStreamsQueries().BuildServiceProvider();
        return services.GetRequiredService<IOptions<ExposureWriterOptions>>().Value;
    }

    [Fact]
    public void The_exposure_producers_linger_binds_from_configuration() =>
        Assert.Equal(TimeSpan.FromMilliseconds(250), Bound("Experiments:ExposureWriter:Linger", "00:00:00.250").Linger);

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("00:00:05.001")]
    public void A_negative_linger_or_one_past_half_the_producers_message_timeout_fails_options_validation(string linger) =>
        Assert.Contains("Linger", Assert.Throws<OptionsValidationException>(() => Bound("Experiments:ExposureWriter:Linger", linger)).Message, StringComparison.Ordinal);
}
