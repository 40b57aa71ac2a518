using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RevoVoice.EndToEnd.Tests.Foundation;

/// <summary>
/// There is no Docker engine on our machines, so compose.yaml is checked statically: every built service has its
/// Dockerfile, publishes the port the service listens on, and sets only configuration keys the service reads.
/// </summary>
public sealed class when_reading_the_compose_file
{
    private static readonly Dictionary<string, string> ServiceProjects = new()
    {
        ["write"] = "src/Write/RevoVoice.Write",
        ["projections"] = "src/Projections/RevoVoice.Projections",
        ["read"] = "src/Read/RevoVoice.Read",
        ["media"] = "src/Media/RevoVoice.Media",
    };

    // Read by libraries rather than by our appsettings: the OpenTelemetry SDK and ASP.NET Core themselves.
    private static readonly string[] FrameworkVariablePrefixes = ["OTEL_", "ASPNETCORE_", "DOTNET_"];

    private readonly YamlMappingNode _services;

    public when_reading_the_compose_file()
    {
        using var reader = new StreamReader(RepositoryRoot.Combine("compose.yaml"));
        var yaml = new YamlStream();
        yaml.Load(new MergingParser(new Parser(reader)));
        _services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
    }

    [Fact]
    public void it_runs_the_platform_dependencies_and_all_four_services()
    {
        var names = _services.Children.Keys.Select(k => k.ToString()).ToList();
        names.Should().Contain(["postgres", "clickhouse", "kafka", "otel-collector", "jaeger", "write", "projections", "read", "media"]);
        Scalar("postgres", "image").Should().StartWith("postgres:17");
        Environment("kafka").Should().ContainKey("KAFKA_PROCESS_ROLES").WhoseValue.Should().Contain("controller", "Kafka runs in KRaft mode");
    }

    [Theory]
    [InlineData("write")]
    [InlineData("projections")]
    [InlineData("read")]
    [InlineData("media")]
    public void each_service_is_built_from_a_multi_stage_dockerfile_that_exists(string service)
    {
        var build = (YamlMappingNode)Service(service)["build"];
        var context = RepositoryRoot.Combine(build["context"].ToString());
        Directory.Exists(context).Should().BeTrue();
        var dockerfile = Path.Combine(context, build["dockerfile"].ToString());
        File.Exists(dockerfile).Should().BeTrue($"{service} is built from {dockerfile}");

        var text = File.ReadAllText(dockerfile);
        Regex.Matches(text, @"^FROM ", RegexOptions.Multiline).Count.Should().BeGreaterThanOrEqualTo(2, "the build is multi-stage");
        var project = ServiceProjects[service];
        text.Should().Contain($"{project}/{Path.GetFileName(project)}.csproj", "the Dockerfile publishes the service's own project");
        text.Should().Contain($"\"{Path.GetFileName(project)}.dll\"");
        File.Exists(RepositoryRoot.Combine(project, Path.GetFileName(project) + ".csproj")).Should().BeTrue();
    }

    [Theory]
    [InlineData("write")]
    [InlineData("projections")]
    [InlineData("read")]
    [InlineData("media")]
    public void each_service_publishes_on_loopback_the_port_it_listens_on(string service)
    {
        var settings = AppSettings(service);
        var defaultPort = settings.GetProperty("RevoVoice").GetProperty("Http").GetProperty("Port").GetInt32();
        var env = Environment(service);
        var port = env.TryGetValue("RevoVoice__Http__Port", out var configured) ? int.Parse(configured) : defaultPort;
        port.Should().Be(defaultPort, "compose keeps the conventional ports of DESIGN.md");

        var ports = ((YamlSequenceNode)Service(service)["ports"]).Children.Select(p => p.ToString()).ToList();
        ports.Should().Contain($"127.0.0.1:{port}:{port}");
        ports.Should().OnlyContain(p => p.StartsWith("127.0.0.1:"), "published ports bind to loopback only");

        File.ReadAllText(DockerfileOf(service)).Should().Contain($"/health/ready", "the image has a readiness health check");
    }

    [Theory]
    [InlineData("write")]
    [InlineData("projections")]
    [InlineData("read")]
    [InlineData("media")]
    public void each_environment_variable_names_a_setting_the_service_reads(string service)
    {
        var settings = AppSettings(service);
        foreach (var variable in Environment(service).Keys)
        {
            if (FrameworkVariablePrefixes.Any(variable.StartsWith)) continue;
            var path = variable.Split("__");
            HasPath(settings, path).Should().BeTrue(
                $"compose sets {variable} for {service}, so {string.Join(':', path)} must be a setting in its appsettings.json");
        }
    }

    [Fact]
    public void services_wait_for_healthy_dependencies()
    {
        foreach (var (key, node) in _services.Children)
        {
            if (((YamlMappingNode)node).Children.TryGetValue("depends_on", out var dependsOn) && dependsOn is YamlMappingNode dependencies)
            {
                foreach (var (dependency, condition) in dependencies.Children)
                {
                    _services.Children.Should().ContainKey(dependency, $"{key} depends on {dependency}");
                    var wanted = ((YamlMappingNode)condition)["condition"].ToString();
                    if (wanted == "service_healthy")
                        HasHealthCheck(dependency.ToString()).Should().BeTrue($"{key} waits for {dependency} to be healthy");
                }
            }
        }
    }

    private bool HasHealthCheck(string service) =>
        Service(service).Children.ContainsKey("healthcheck")
        || (ServiceProjects.ContainsKey(service) && File.ReadAllText(DockerfileOf(service)).Contains("HEALTHCHECK"));

    private string DockerfileOf(string service)
    {
        var build = (YamlMappingNode)Service(service)["build"];
        return RepositoryRoot.Combine(build["context"].ToString(), build["dockerfile"].ToString());
    }

    private YamlMappingNode Service(string name) => (YamlMappingNode)_services[name];

    private string Scalar(string service, string key) => Service(service)[key].ToString();

    private Dictionary<string, string> Environment(string service) =>
        Service(service).Children.TryGetValue("environment", out var env)
            ? ((YamlMappingNode)env).Children.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value.ToString())
            : [];

    private static JsonElement AppSettings(string service)
    {
        var text = File.ReadAllText(RepositoryRoot.Combine(ServiceProjects[service], "appsettings.json"));
        return JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }).RootElement;
    }

    private static bool HasPath(JsonElement element, IEnumerable<string> path)
    {
        foreach (var segment in path)
        {
            if (element.ValueKind != JsonValueKind.Object) return false;
            var match = element.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, segment, StringComparison.OrdinalIgnoreCase));
            if (match.Value.ValueKind == JsonValueKind.Undefined) return false;
            element = match.Value;
        }
        return true;
    }
}
