using System.Text.RegularExpressions;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Reserves.Cli.Commands;
using Reserves.Orchestrator;
using Reserves.ServiceHosting;
using YamlDotNet.RepresentationModel;

namespace Reserves.Cli.Tests;

/// <summary>
/// The Kubernetes manifests and the Dockerfile checked against the code: images are Dockerfile stages, container
/// arguments parse with the real command line, environment variables and config keys are ones the services read, ports
/// and probes match what the services listen on and answer, and every reference (Service selectors and ports, secrets,
/// claims, autoscalers, disruption budgets, network policies) points at something that exists.
/// </summary>
public partial class DeploymentManifestTests
{
    private static readonly string K8s = Path.Combine(ReservesProcess.RepositoryRoot, "k8s");
    private static readonly string Dockerfile = File.ReadAllText(Path.Combine(ReservesProcess.RepositoryRoot, "Dockerfile"));

    private sealed record Doc(string File, YamlMappingNode Root)
    {
        public string Kind => Root.Text("kind");
        public string Name => ((YamlMappingNode)Root["metadata"]).Text("name");
        public override string ToString() => $"{File}: {Kind}/{Name}";
    }

    private static readonly List<Doc> Docs = Directory.GetFiles(K8s, "*.yaml").Order(StringComparer.Ordinal).SelectMany(file =>
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(file);
        stream.Load(reader);
        return stream.Documents.Select(d => new Doc(Path.GetFileName(file), (YamlMappingNode)d.RootNode));
    }).ToList();

    private static IEnumerable<Doc> OfKind(string kind) => Docs.Where(d => d.Kind == kind);

    /// <summary>Workload pod templates with their owner.</summary>
    private static IEnumerable<(Doc Owner, YamlMappingNode Pod)> Pods() =>
        Docs.Where(d => d.Kind is "Deployment" or "StatefulSet" or "Job")
            .Select(d => (d, (YamlMappingNode)((YamlMappingNode)d.Root["spec"])["template"]));

    private static IEnumerable<(Doc Owner, YamlMappingNode Pod, YamlMappingNode Container)> Containers() =>
        Pods().SelectMany(p => Seq(Spec(p.Pod), "containers").Concat(Seq(Spec(p.Pod), "initContainers")).Select(c => (p.Owner, p.Pod, c)));

    private static YamlMappingNode Spec(YamlMappingNode pod) => (YamlMappingNode)pod["spec"];

    private static bool IsOurs(YamlMappingNode container) => container.Text("image").StartsWith("reserves/", StringComparison.Ordinal);

    private static IEnumerable<YamlMappingNode> Seq(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? ((YamlSequenceNode)value).Children.Cast<YamlMappingNode>() : [];

    private static Dictionary<string, string> Labels(YamlMappingNode pod) =>
        ((YamlMappingNode)((YamlMappingNode)pod["metadata"])["labels"]).Children.ToDictionary(k => k.Key.ToString(), v => v.Value.ToString());

    private static bool Selects(YamlMappingNode? selector, Dictionary<string, string> labels) =>
        selector is not null && selector.Children.All(c => labels.TryGetValue(c.Key.ToString(), out var v) && v == c.Value.ToString());

    private static Dictionary<string, string> Env(YamlMappingNode container) =>
        Seq(container, "env").ToDictionary(e => e.Text("name"), e => e.Children.ContainsKey("value") ? e.Text("value") : "<from>");

    private static string[] Args(YamlMappingNode container)
    {
        var env = Env(container);
        env["JOB_COMPLETION_INDEX"] = "0";
        return ((YamlSequenceNode)container["args"]).Children.Select(a => VariableReference().Replace(a.ToString(),
            m => env.TryGetValue(m.Groups[1].Value, out var v) ? v : throw new Xunit.Sdk.XunitException($"$({m.Groups[1].Value}) is not defined"))).ToArray();
    }

    private static string? Option(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private static Dictionary<string, int> Ports(YamlMappingNode container) =>
        Seq(container, "ports").ToDictionary(p => p.Children.ContainsKey("name") ? p.Text("name") : "", p => int.Parse(p.Text("containerPort")));

    [Fact]
    public void EveryDocumentIsNamedAndNamespacedAndTheKustomizationListsTheFiles()
    {
        Assert.True(Docs.Count >= 20, $"only {Docs.Count} documents");
        foreach (var doc in Docs.Where(d => d.Kind != "Kustomization"))
        {
            Assert.False(string.IsNullOrEmpty(doc.Root.Text("apiVersion")), doc.ToString());
            if (doc.Kind != "Namespace") Assert.Equal("reserves", ((YamlMappingNode)doc.Root["metadata"]).Text("namespace"));
        }
        var kustomization = OfKind("Kustomization").Single();
        var listed = ((YamlSequenceNode)kustomization.Root["resources"]).Children.Select(c => c.ToString()).Order().ToList();
        var files = Docs.Select(d => d.File).Distinct().Where(f => f is not "kustomization.yaml" and not "worker-job.yaml").Order().ToList();
        Assert.Equal(files, listed);
    }

    [Fact]
    public void ImagesAreDockerfileStagesAndRunAsTheUnprivilegedUser()
    {
        var stages = DockerStage().Matches(Dockerfile).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Contains("USER $APP_UID", Dockerfile);
        var version = Regex.Match(File.ReadAllText(Path.Combine(ReservesProcess.RepositoryRoot, "Directory.Build.props")), "<Version>(.*)</Version>").Groups[1].Value;
        foreach (var (owner, pod, container) in Containers().Where(c => IsOurs(c.Container)))
        {
            var image = container.Text("image");
            Assert.Matches($"^reserves/[a-z]+:{Regex.Escape(version)}$", image);
            Assert.Contains(image.Split('/', ':')[1], stages);
            var security = (YamlMappingNode)Spec(pod)["securityContext"];
            Assert.Equal(("true", "1654"), (security.Text("runAsNonRoot"), security.Text("runAsUser")));
            Assert.True(container.Children.ContainsKey("resources") || container.Text("name") == "db-init", $"{owner}: {container.Text("name")} has no resource requests");
        }
        // Each service stage has a health check that asks the real health command; its CMD parses.
        foreach (Match stage in DockerStageBody().Matches(Dockerfile))
        {
            var cmd = Regex.Match(stage.Groups[2].Value, @"^CMD \[(.*)\]", RegexOptions.Multiline);
            Assert.True(cmd.Success, $"stage {stage.Groups[1].Value} has no CMD");
            var args = Regex.Matches(cmd.Groups[1].Value, "\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToArray();
            AssertParses(args, $"Dockerfile stage {stage.Groups[1].Value}");
            if (args[0] == "serve")
                Assert.Contains($"\"health\", \"--address\", \"http://127.0.0.1:{Option(args, "--port")}\"", stage.Groups[2].Value);
        }
    }

    private static void AssertParses(string[] args, string where)
    {
        var parse = ReservesCommand.Create().Parse(args);
        Assert.True(parse.Errors.Count == 0, $"{where}: `reserves {string.Join(' ', args)}`: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
    }

    [Fact]
    public void ContainerArgumentsParseAndEnvironmentNamesAreOnesTheServicesRead()
    {
        foreach (var (owner, _, container) in Containers().Where(c => IsOurs(c.Container)))
        {
            var args = Args(container);
            AssertParses(args, $"{owner}: {container.Text("name")}");
            var ownArgs = string.Join(' ', ((YamlSequenceNode)container["args"]).Children);
            foreach (var name in Env(container).Keys.Where(n => n.StartsWith("RESERVES_", StringComparison.Ordinal)))
                Assert.True(EnvironmentNames.All.Contains(name) || ownArgs.Contains($"$({name})"), $"{owner}: {name} is read by no service");
        }
        foreach (var (owner, _, container) in Containers().Where(c => !IsOurs(c.Container)))
            Assert.All(Env(container).Keys, n => Assert.False(n.StartsWith("RESERVES_", StringComparison.Ordinal), $"{owner}: {n}"));
    }

    [Fact]
    public void PortsAndProbesMatchWhatTheServicesListenOnAndAnswer()
    {
        var serving = 0;
        foreach (var (owner, _, container) in Containers().Where(c => IsOurs(c.Container)))
        {
            var args = Args(container);
            if (args[0] != "serve") continue;
            serving++;
            var ports = Ports(container);
            Assert.Equal(int.Parse(Option(args, "--port")!), ports["grpc"]);
            Assert.Contains("--listen-any", args);
            if (args[1] == "orchestrator")
            {
                Assert.Equal(int.Parse(Option(args, "--silo-port")!), ports["silo"]);
                Assert.DoesNotContain("gateway",
                    ports.Keys);                                                      // no Orleans gateway
                var env = Seq(container, "env").Select(e => e.Text("name")).ToList();
                Assert.Contains(EnvironmentNames.ClusterCertificate,
                    env);                                          // silo mutual TLS
                Assert.Contains(EnvironmentNames.ClusterKey, env);
                Assert.DoesNotContain("--insecure-cluster", args);
                Assert.Equal("status.podIP", Seq(container, "env").Single(e => e.Text("name") == EnvironmentNames.AdvertisedAddress)["valueFrom"]["fieldRef"]["fieldPath"].ToString());
                foreach (var calculator in new[] { "--crvm", "--avr", "--imr" })
                {
                    var address = Regex.Match(Option(args, calculator)!, @"^dns:///([a-z-]+)\.reserves\.svc\.cluster\.local:(\d+)$");
                    Assert.True(address.Success, $"{calculator} {Option(args, calculator)}");
                    var service = OfKind("Service").Single(s => s.Name == address.Groups[1].Value);
                    Assert.Equal("None", ((YamlMappingNode)service.Root["spec"]).Text("clusterIP"));                 // headless: every pod address
                    Assert.Contains(Seq((YamlMappingNode)service.Root["spec"], "ports"), p => p.Text("port") == address.Groups[2].Value);
                }
            }
            foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
            {
                var grpc = (YamlMappingNode)container[probe]["grpc"];
                Assert.Equal(ports["grpc"].ToString(), grpc.Text("port"));
                Assert.Equal(probe == "readinessProbe" ? HealthServices.Ready : HealthServices.Live, grpc.Text("service"));
            }
        }
        Assert.Equal(4, serving);
    }

    [Fact]
    public async Task TheProbedHealthServicesAnswerServingOnTheRealServices()
    {
        await using var cluster = await EmbeddedCluster.StartAsync(ReservesProcess.TableDirectory, Directory.CreateTempSubdirectory().FullName, TestContext.Current.CancellationToken);
        foreach (var address in new[] { cluster.Address, cluster.Calculators.Crvm, cluster.Calculators.Avr, cluster.Calculators.Imr })
        {
            using var channel = GrpcChannel.ForAddress(address);
            foreach (var service in new[] { HealthServices.Live, HealthServices.Ready })
            {
                var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = service }, cancellationToken: TestContext.Current.CancellationToken);
                Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
            }
        }
    }

    [Fact]
    public void ReferencesPointAtThingsThatExist()
    {
        var secrets = OfKind("Secret").ToDictionary(s => s.Name, s => ((YamlMappingNode)s.Root["stringData"]).Children.Keys.Select(k => k.ToString()).ToHashSet());
        var claims = OfKind("PersistentVolumeClaim").Select(c => c.Name).Append("data").ToHashSet();
        var pods = Pods().ToList();
        foreach (var (owner, pod, container) in Containers())
        {
            foreach (var env in Seq(container, "env").Where(e => e.Children.ContainsKey("valueFrom") && ((YamlMappingNode)e["valueFrom"]).Children.ContainsKey("secretKeyRef")))
            {
                var reference = (YamlMappingNode)env["valueFrom"]["secretKeyRef"];
                Assert.True(secrets.TryGetValue(reference.Text("name"), out var keys) && keys.Contains(reference.Text("key")), $"{owner}: {env.Text("name")}");
            }
            var volumes = Seq(Spec(pod), "volumes").ToDictionary(v => v.Text("name"));
            var secretFiles = new HashSet<string>();
            foreach (var mount in Seq(container, "volumeMounts"))
            {
                var name = mount.Text("name");
                Assert.True(volumes.ContainsKey(name) || name == "data", $"{owner}: volume {name}");
                if (volumes.TryGetValue(name, out var volume) && volume.Children.ContainsKey("persistentVolumeClaim"))
                    Assert.Contains(((YamlMappingNode)volume["persistentVolumeClaim"]).Text("claimName"), claims);
                if (volumes.TryGetValue(name, out volume) && volume.Children.ContainsKey("secret"))
                {
                    var secret = (YamlMappingNode)volume["secret"];
                    Assert.True(secrets.ContainsKey(secret.Text("secretName")), $"{owner}: secret {secret.Text("secretName")}");
                    foreach (var item in Seq(secret, "items"))
                    {
                        Assert.Contains(item.Text("key"), secrets[secret.Text("secretName")]);
                        secretFiles.Add($"{mount.Text("mountPath")}/{item.Text("path")}");
                    }
                }
            }
            // The files the service reads its secrets from (tokens, silo certificate and key, shard secret) are mounted
            // items.
            foreach (var name in new[] { EnvironmentNames.TokensFile, EnvironmentNames.ClusterCertificate,
                EnvironmentNames.ClusterKey,
                         EnvironmentNames.ShardSecretFile })
                if (Env(container).TryGetValue(name, out var file))
                    Assert.True(secretFiles.Contains(file), $"{owner}: {name} {file} is not a mounted secret item");
        }
        foreach (var service in OfKind("Service"))
        {
            var spec = (YamlMappingNode)service.Root["spec"];
            var selected = pods.Where(p => Selects((YamlMappingNode)spec["selector"], Labels(p.Pod))).ToList();
            Assert.True(selected.Count > 0, $"{service} selects no pod");
            foreach (var port in Seq(spec, "ports"))
                Assert.All(selected, p => Assert.Contains(Seq(Spec(p.Pod), "containers").SelectMany(c => Ports(c).Keys), k => k == port.Text("targetPort")));
        }
        foreach (var hpa in OfKind("HorizontalPodAutoscaler"))
        {
            var target = (YamlMappingNode)hpa.Root["spec"]["scaleTargetRef"];
            var deployment = OfKind(target.Text("kind")).Single(d => d.Name == target.Text("name"));
            // CPU utilization needs CPU requests on the target's containers.
            Assert.All(Seq(Spec((YamlMappingNode)deployment.Root["spec"]["template"]), "containers"), c => Assert.NotNull(c["resources"]["requests"]["cpu"]));
        }
        foreach (var pdb in OfKind("PodDisruptionBudget"))
            Assert.Contains(pods, p => Selects((YamlMappingNode)pdb.Root["spec"]["selector"]["matchLabels"], Labels(p.Pod)));
        var allPorts = pods.SelectMany(p => Seq(Spec(p.Pod), "containers")).SelectMany(c => Ports(c).Values).ToHashSet();
        foreach (var policy in OfKind("NetworkPolicy"))
        {
            var spec = (YamlMappingNode)policy.Root["spec"];
            var selector = (YamlMappingNode)spec["podSelector"];
            if (selector.Children.Count > 0)
                Assert.Contains(pods, p => Selects((YamlMappingNode)selector["matchLabels"], Labels(p.Pod)));
            foreach (var rule in Seq(spec, "ingress"))
            {
                foreach (var port in Seq(rule, "ports")) Assert.Contains(int.Parse(port.Text("port")), allPorts);
                foreach (var from in Seq(rule, "from"))
                    Assert.Contains(pods, p => Selects((YamlMappingNode)from["podSelector"]["matchLabels"], Labels(p.Pod)));
            }
        }
    }

    [Fact]
    public void TheFanOutJobIsIndexedAndItsShardCountIsItsCompletions()
    {
        var job = OfKind("Job").Single();
        var spec = (YamlMappingNode)job.Root["spec"];
        Assert.Equal("Indexed", spec.Text("completionMode"));
        var container = Seq(Spec((YamlMappingNode)spec["template"]), "containers").Single();
        var raw = ((YamlSequenceNode)container["args"]).Children.Select(c => c.ToString()).ToArray();
        Assert.Equal("worker", raw[0]);
        Assert.Equal("$(JOB_COMPLETION_INDEX)", Option(raw, "--shard-index"));
        Assert.Equal(spec.Text("completions"), Option(raw, "--shard-count"));
        Assert.Equal("Never", Spec((YamlMappingNode)spec["template"]).Text("restartPolicy"));
    }

    [GeneratedRegex(@"\$\(([A-Z_]+)\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^FROM \S+ AS ([a-z]+)", RegexOptions.Multiline)]
    private static partial Regex DockerStage();

    [GeneratedRegex(@"^FROM runtime AS ([a-z]+)\n(.*?)(?=^FROM |\z)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex DockerStageBody();
}

internal static class YamlExtensions
{
    public static string Text(this YamlMappingNode node, string key) => node.Children.TryGetValue(key, out var value) ? value.ToString() : "";
}
