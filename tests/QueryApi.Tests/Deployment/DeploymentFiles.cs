using YamlDotNet.RepresentationModel;

namespace RecoStreams.QueryApi.Tests.Deployment;

/// <summary>The deployment artefacts at the repository root (Dockerfile, docker-compose.yml, deploy/k8s) parsed as YAML.</summary>
internal static class DeploymentFiles
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RecoStreams.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"RecoStreams.sln not found above {AppContext.BaseDirectory}; the deployment files cannot be located");
    });

    public static string PathOf(string relative) => Path.Combine(Root.Value, relative);

    /// <summary>Every YAML document of every file under deploy/k8s, as mappings.</summary>
    public static IReadOnlyList<YamlMappingNode> KubernetesDocuments() =>
        Directory.EnumerateFiles(PathOf("deploy/k8s"), "*.yaml").Order(StringComparer.Ordinal)
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .SelectMany(Load)
            .ToList();

    public static YamlMappingNode Kind(this IReadOnlyList<YamlMappingNode> documents, string kind, string? name = null) =>
        documents.Single(d => d.Text("kind") == kind && (name is null || d.Node("metadata").Text("name") == name));

    public static IEnumerable<YamlMappingNode> Load(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode);
    }

    public static YamlMappingNode Node(this YamlMappingNode map, string key) => (YamlMappingNode)map[key];

    public static YamlSequenceNode Sequence(this YamlMappingNode map, string key) => (YamlSequenceNode)map[key];

    public static string Text(this YamlMappingNode map, string key) => ((YamlScalarNode)map[key]).Value!;

    public static bool Has(this YamlMappingNode map, string key) => map.Children.ContainsKey(key);

    public static IReadOnlyList<string> Texts(this YamlMappingNode map, string key) =>
        map.Sequence(key).Children.Select(n => ((YamlScalarNode)n).Value!).ToList();

    public static IEnumerable<YamlMappingNode> Mappings(this YamlMappingNode map, string key) =>
        map.Sequence(key).Children.Cast<YamlMappingNode>();
}
