using System.Net;
using RecoStreams.QueryApi.Hosting;
using Xunit;

namespace RecoStreams.QueryApi.Tests.Hosting;

public sealed class AdvertisedEndpointTests
{
    [Fact]
    public void An_explicit_application_server_wins() =>
        Assert.Equal("node-7:9000", new RunOptions { ApplicationServer = "node-7:9000", Urls = "http://0.0.0.0:8080" }.AdvertisedEndpoint());

    [Theory]
    [InlineData("http://127.0.0.1:8080", "127.0.0.1:8080")]
    [InlineData("http://10.1.2.3:8080;http://127.0.0.1:9090", "10.1.2.3:8080")]
    [InlineData("http://reco-1.internal", "reco-1.internal:80")]
    [InlineData("https://[fd00::5]:8443/", "[fd00::5]:8443")]
    public void A_concrete_listen_address_is_advertised_as_it_is(string urls, string expected) =>
        Assert.Equal(expected, new RunOptions { Urls = urls }.AdvertisedEndpoint());

    [Theory]
    [InlineData("http://0.0.0.0:8080", "8080")]
    [InlineData("http://[::]:8081", "8081")]
    [InlineData("http://+:8082", "8082")]
    [InlineData("https://*:8443", "8443")]
    public void A_wildcard_listen_address_advertises_this_machines_host_name(string urls, string port) =>
        Assert.Equal($"{Dns.GetHostName()}:{port}", new RunOptions { Urls = urls }.AdvertisedEndpoint());

    [Fact]
    public void A_listen_url_it_cannot_read_asks_for_an_application_server()
    {
        var error = Assert.Throws<ArgumentException>(() => new RunOptions { Urls = "unix:/tmp/reco.sock" }.AdvertisedEndpoint());
        Assert.Contains("--application-server", error.Message, StringComparison.Ordinal);
    }
}
