using System.Text.RegularExpressions;
using RecoStreams.QueryApi.Cli;
using RecoStreams.QueryApi.Security;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace RecoStreams.QueryApi.Tests.Deployment;

/// <summary>
/// The Dockerfile and docker-compose.yml checked by inspection (no Docker engine here): no apt step, a
/// non-root user, the health check on the real liveness path and port, and compose services whose
/// commands parse as the real `run` verb and publish the port the service listens on.
/// </summary>
public sealed partial class ContainerImageTests
{
    private static readonly string Dockerfile = File.ReadAllText(DeploymentFiles.PathOf("Dockerfile"));

    [Fact]
    public void Image_installs_no_apt_package_and_runs_as_a_non_root_user()
    {
        Assert.DoesNotContain("apt-get", Dockerfile, StringComparison.Ordinal);
        var user = Instruction("USER").Last();
        Assert.DoesNotMatch("^(0|root)(:|$)", user);
    }

    [Fact]
    public void Image_exposes_and_health_checks_the_port_its_default_command_listens_on()
    {
        var command = System.Text.Json.JsonSerializer.Deserialize<string[]>(Instruction("CMD").Last())!;
        var urls = new Uri(command[Array.IndexOf(command, "--urls") + 1]);

        Assert.Empty(RecoStreamsCli.Create().Parse(command).Errors);
        Assert.Equal(urls.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Instruction("EXPOSE").Single());
        Assert.Contains($"/dev/tcp/127.0.0.1/{urls.Port}", Instruction("HEALTHCHECK").Single(), StringComparison.Ordinal);
        Assert.Contains("GET /health/live ", Instruction("HEALTHCHECK").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_app_services_parse_as_the_run_verb_publish_its_port_and_set_the_JWT_secret()
    {
        var compose = DeploymentFiles.Load(DeploymentFiles.PathOf("docker-compose.yml")).Single();
        var apps = compose.Node("services").Children.Where(s => Lookup((YamlMappingNode)s.Value, "build") is not null).ToList();
        Assert.NotEmpty(apps);

        Assert.All(apps, app =>
        {
            var service = (YamlMappingNode)app.Value;
            var command = ((YamlSequenceNode)Lookup(service, "command")!).Children.Select(n => ((YamlScalarNode)n).Value!).ToArray();
            var parsed = RecoStreamsCli.Create().Parse(command);
            Assert.Empty(parsed.Errors);
            Assert.Empty(parsed.UnmatchedTokens);

            var listen = new Uri(command.Single(a => a.StartsWith("--urls=", StringComparison.Ordinal))["--urls=".Length..]);
            var published = ((YamlSequenceNode)Lookup(service, "ports")!).Children.Select(p => ((YamlScalarNode)p).Value!.Split(':')[^1]);
            Assert.Contains(listen.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), published);

            var environment = (YamlMappingNode)Lookup(service, "environment")!;
            Assert.True(environment.Has($"RECOSTREAMS__{JwtOptions.SectionName}__{nameof(JwtOptions.HmacSecret)}"));
        });
    }

    // A key of the service or of the mapping it merges in with `<<: *anchor`.
    private static YamlNode? Lookup(YamlMappingNode service, string key) =>
        service.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value
        : service.Children.TryGetValue(new YamlScalarNode("<<"), out var merged) ? Lookup((YamlMappingNode)merged, key)
        : null;

    // Instruction arguments, with backslash-continued lines joined.
    private static IEnumerable<string> Instruction(string name) =>
        Line().Matches(Dockerfile.Replace("\\\n", " ", StringComparison.Ordinal))
            .Where(m => m.Groups[1].Value == name)
            .Select(m => m.Groups[2].Value.Trim());

    [GeneratedRegex(@"^([A-Z]+)\s+(.*)$", RegexOptions.Multiline)]
    private static partial Regex Line();
}
