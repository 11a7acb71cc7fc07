using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using RecoStreams.Hosting.Health;
using RecoStreams.QueryApi.Cli;
using RecoStreams.QueryApi.Hosting;
using RecoStreams.QueryApi.Security;
using RecoStreams.QueryApi.Tests.Security;
using RecoStreams.QueryApi.Tests.Support;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace RecoStreams.QueryApi.Tests.Deployment;

/// <summary>
/// deploy/k8s parsed and checked against the service itself: the container's arguments parse as the
/// real `run` verb, the probes hit the real health endpoints on the port the service listens on, and the
/// objects (services, budget, autoscaler, secret) point at the StatefulSet and the settings it reads.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    private static readonly IReadOnlyList<YamlMappingNode> Documents = DeploymentFiles.KubernetesDocuments();

    private static YamlMappingNode StatefulSet => Documents.Kind("StatefulSet");

    private static YamlMappingNode PodTemplate => StatefulSet.Node("spec").Node("template");

    private static YamlMappingNode Container => PodTemplate.Node("spec").Mappings("containers").Single();

    private static IReadOnlyList<string> Args => Container.Texts("args");

    [Fact]
    public void Every_manifest_names_its_api_version_kind_and_object_and_all_required_kinds_are_there()
    {
        Assert.All(Documents, d => Assert.False(string.IsNullOrEmpty(d.Text("apiVersion")) || string.IsNullOrEmpty(d.Node("metadata").Text("name"))));
        Assert.Superset(
            new HashSet<string> { "ConfigMap", "Secret", "Service", "StatefulSet", "PodDisruptionBudget", "HorizontalPodAutoscaler" },
            Documents.Select(d => d.Text("kind")).ToHashSet());
    }

    [Fact]
    public void Container_arguments_parse_as_the_run_verb_with_every_variable_defined()
    {
        var values = DefinedVariables();
        var undefined = Args.SelectMany(a => Variable().Matches(a)).Select(m => m.Groups[1].Value).Where(v => !values.ContainsKey(v)).ToList();
        Assert.Empty(undefined);

        var parsed = RecoStreamsCli.Create().Parse(Expanded(values));

        Assert.Empty(parsed.Errors);
        Assert.Empty(parsed.UnmatchedTokens);
        Assert.Equal("run", parsed.CommandResult.Command.Name);
    }

    [Fact]
    public void Container_port_and_every_probe_port_are_the_port_the_service_listens_on()
    {
        var listen = new Uri(Flag("--urls"));
        var port = Container.Mappings("ports").Single(p => p.Text("name") == "http");

        Assert.Equal(listen.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), port.Text("containerPort"));
        Assert.All(Probes(), probe => Assert.Equal("http", Container.Node(probe).Node("httpGet").Text("port")));
        Assert.All(Documents.Where(d => d.Text("kind") == "Service"), s =>
            Assert.All(s.Node("spec").Mappings("ports"), p => Assert.Equal("http", p.Text("targetPort"))));
    }

    [Fact]
    public async Task Liveness_and_startup_probes_answer_200_while_not_ready_and_the_readiness_probe_answers_503()
    {
        await using var host = await TestHost.StartAsync(
            builder =>
            {
                builder.Services.AddRecoStreamsHealth();
                builder.Services.AddRecoStreamsJwtAuthentication(builder.Configuration);
                builder.Services.AddReadinessSignal("streams", new ReadinessSignal("restoring stores"));
                builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
            },
            app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapRecoStreamsHealth();
            },
            new Dictionary<string, string?> { ["Jwt:HmacSecret"] = TestKeys.HmacSecret });

        async Task<HttpStatusCode> Probe(string probe)
        {
            var path = Container.Node(probe).Node("httpGet").Text("path");
            var response = await host.Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            Assert.True(body.RootElement.TryGetProperty("status", out _), $"{probe} {path} did not answer a health report");
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await Probe("livenessProbe"));
        Assert.Equal(HttpStatusCode.OK, await Probe("startupProbe"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await Probe("readinessProbe"));
    }

    [Fact]
    public void The_data_directory_is_the_per_pod_state_volume()
    {
        var claim = StatefulSet.Node("spec").Mappings("volumeClaimTemplates").Single().Node("metadata").Text("name");
        var mount = Container.Mappings("volumeMounts").Single(m => m.Text("name") == claim);

        Assert.Equal(Flag("--data-dir"), mount.Text("mountPath"));
    }

    [Fact]
    public void Each_instance_advertises_its_pod_name_under_the_headless_service()
    {
        var serviceName = StatefulSet.Node("spec").Text("serviceName");
        var headless = Documents.Kind("Service", serviceName);

        Assert.Equal("None", headless.Node("spec").Text("clusterIP"));
        Assert.StartsWith($"$(POD_NAME).{serviceName}.", Flag("--application-server"), StringComparison.Ordinal);
        Assert.EndsWith(":" + new Uri(Flag("--urls")).Port, Flag("--application-server"), StringComparison.Ordinal);
    }

    [Fact]
    public void Container_requests_and_limits_cpu_and_memory()
    {
        var resources = Container.Node("resources");
        Assert.All(new[] { "requests", "limits" }, kind =>
        {
            Assert.True(resources.Node(kind).Has("cpu"), $"{kind}.cpu");
            Assert.True(resources.Node(kind).Has("memory"), $"{kind}.memory");
        });
    }

    [Fact]
    public void Budget_services_and_autoscaler_select_the_StatefulSet_pods()
    {
        var labels = PodTemplate.Node("metadata").Node("labels");
        var budget = Documents.Kind("PodDisruptionBudget").Node("spec");
        var autoscaler = Documents.Kind("HorizontalPodAutoscaler").Node("spec");

        Assert.Equal(labels, budget.Node("selector").Node("matchLabels"));
        Assert.Equal(labels, StatefulSet.Node("spec").Node("selector").Node("matchLabels"));
        Assert.All(Documents.Where(d => d.Text("kind") == "Service"), s => Assert.Equal(labels, s.Node("spec").Node("selector")));
        Assert.Equal(("StatefulSet", StatefulSet.Node("metadata").Text("name")), (autoscaler.Node("scaleTargetRef").Text("kind"), autoscaler.Node("scaleTargetRef").Text("name")));
        Assert.Equal("cpu", autoscaler.Mappings("metrics").Single().Node("resource").Text("name"));
    }

    [Fact]
    public void Secret_holds_the_JWT_secret_under_the_key_the_service_reads_and_the_connection_string_the_args_use()
    {
        var secret = Documents.Kind("Secret").Node("stringData");

        Assert.True(secret.Has($"RECOSTREAMS__{JwtOptions.SectionName}__{nameof(JwtOptions.HmacSecret)}"));
        Assert.Equal("$(POSTGRES_CONNECTION)", Flag("--postgres"));
        Assert.True(secret.Has("POSTGRES_CONNECTION"));
        Assert.All(Container.Mappings("envFrom"), source => Assert.True(source.Has("configMapRef") || source.Has("secretRef")));
    }

    private static IEnumerable<string> Probes() => ["livenessProbe", "readinessProbe", "startupProbe"];

    private static string Flag(string name) => Args.Single(a => a.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..];

    // Kubernetes expands $(NAME) in args from the container's environment: pod fields, ConfigMap and Secret keys.
    private static Dictionary<string, string> DefinedVariables()
    {
        var values = Container.Mappings("env").ToDictionary(e => e.Text("name"), e => "recostreams-0");
        foreach (var (key, value) in Documents.Kind("ConfigMap").Node("data").Children)
        {
            values[((YamlScalarNode)key).Value!] = ((YamlScalarNode)value).Value!;
        }

        foreach (var (key, value) in Documents.Kind("Secret").Node("stringData").Children)
        {
            values[((YamlScalarNode)key).Value!] = ((YamlScalarNode)value).Value!;
        }

        return values;
    }

    private static string[] Expanded(Dictionary<string, string> values) =>
        Args.Select(a => Variable().Replace(a, m => values[m.Groups[1].Value])).ToArray();

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Variable();
}
