using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RecoStreams.QueryApi.Hosting;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Hosting;

public sealed class JsonConsoleLoggingTests
{
    private const string RequestLogCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    [Fact]
    public void Per_request_aspnetcore_information_logs_are_off_by_default_but_our_own_information_logs_are_on()
    {
        using var services = Build(new Dictionary<string, string?>());
        var factory = services.GetRequiredService<ILoggerFactory>();

        Assert.False(factory.CreateLogger("Microsoft.AspNetCore.Routing.EndpointMiddleware").IsEnabled(LogLevel.Information));
        Assert.True(factory.CreateLogger("Microsoft.AspNetCore.Routing.EndpointMiddleware").IsEnabled(LogLevel.Warning));
        Assert.True(factory.CreateLogger("RecoStreams.QueryApi.Hosting.StreamsLifetime").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public void Hosting_diagnostics_are_off_by_default_so_no_request_scope_carries_the_raw_path()
    {
        using var services = Build(new Dictionary<string, string?>());

        Assert.False(services.GetRequiredService<ILoggerFactory>().CreateLogger(RequestLogCategory).IsEnabled(LogLevel.Critical));
    }

    [Fact]
    public void Configuration_naming_the_aspnetcore_category_overrides_the_default()
    {
        using var services = Build(new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information" });

        Assert.True(services.GetRequiredService<ILoggerFactory>().CreateLogger(RequestLogCategory).IsEnabled(LogLevel.Information));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            // The order the web host uses: configuration first, then the host's own defaults.
            logging.AddConfiguration(configuration.GetSection("Logging"));
            logging.AddRecoStreamsJsonConsole();
        });
        return services.BuildServiceProvider();
    }
}
