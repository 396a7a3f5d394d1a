using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Reserves.Orchestrator.Grains;
using Reserves.ServiceHosting;
using static Reserves.Orchestrator.Tests.ClusterFixture;

namespace Reserves.Orchestrator.Tests;

[CollectionDefinition(nameof(OrleansPortTests), DisableParallelization = true)]
public sealed class OrleansPortCollection;

/// <summary>
/// The Orleans ports as another process on the machine sees them: a real Orleans client, with no credentials or with a
/// certificate of its own, reaches no grain of the embedded default, which opens no gateway at all.
/// </summary>
[Collection(nameof(OrleansPortTests))]
public class OrleansPortTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<Exception?> TryReadRuns(int port, X509Certificate2? certificate)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, port));
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("dev", "dev"));
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
            if (certificate is not null)
                client.UseTls(certificate, o =>
                {
                    o.AllowAnyRemoteCertificate();
                    o.OnAuthenticateAsClient = (_, ssl) => ssl.TargetHost = "localhost";
                });
        });
        using var host = builder.Build();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            timeout.CancelAfter(TimeSpan.FromSeconds(8));
            await host.StartAsync(timeout.Token);
            var grains = host.Services.GetRequiredService<IClusterClient>();
            await grains.GetGrain<IRunRegistryGrain>(RunRegistryGrain.Key).List("").WaitAsync(TimeSpan.FromSeconds(8),
                Cancel);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !Cancel.IsCancellationRequested)
        {
            return e;
        }
        finally
        {
            try { await host.StopAsync(CancellationToken.None); } catch (Exception) { /* it never connected */ }
        }
    }

    [Fact]
    public async Task AnOrleansClientWithoutTheSilosCertificateReachesNoGrain()
    {
        var before = OwnListeners();
        await using var cluster = await EmbeddedCluster.StartAsync(Tables, Directory.CreateTempSubdirectory().FullName,
            Cancel);
        var opened = OwnListeners().Except(before).ToHashSet();
        Assert.Contains(cluster.SiloPort, opened);

        Assert.NotNull(await TryReadRuns(cluster.SiloPort, certificate: null));
        using var own = SiloTransport.Ephemeral();                                  // a certificate, but not the silo's
        Assert.NotNull(await TryReadRuns(cluster.SiloPort, own));

        // No gateway: besides the silo port, the cluster listens only on its four gRPC ports (all behind the token).
        // (This class runs alone, so every port this process opened meanwhile is the cluster's.)
        var grpc = new[] { cluster.Address, cluster.Calculators.Crvm, cluster.Calculators.Avr, cluster.Calculators.Imr }
            .Select(a => new Uri(a).Port).ToHashSet();
        Assert.Equal([.. grpc.Append(cluster.SiloPort).Order()], opened.Order());
    }

    [Fact]
    public void ClusterModeWithoutSiloCertificatesIsRefusedUnlessInsecureIsExplicit()
    {
        var options = new OrchestratorOptions(new GrpcHostOptions(), new CalculatorEndpoints("http://a", "http://b",
            "http://c"),
            Tables, Directory.CreateTempSubdirectory().FullName,
            Cluster: new ClusterSettings("Host=127.0.0.1;Database=none"));
        var e = Assert.Throws<InvalidOperationException>(() => OrchestratorHost.Build(options));
        Assert.Contains("--insecure-cluster", e.Message);
        Assert.Contains(EnvironmentNames.ClusterCertificate, e.Message);
        using var app = OrchestratorHost.Build(options with { Cluster = options.Cluster! with { Insecure = true } });
        Assert.NotNull(app);
    }

    [Fact]
    public void APeerIsTrustedOnlyWithTheSharedCertificateOrOneTheCaIssued()
    {
        using var own = SiloTransport.Ephemeral();
        using var other = SiloTransport.Ephemeral();
        Assert.True(SiloTransport.Trusted(own, own, null));
        Assert.False(SiloTransport.Trusted(other, own, null));
        Assert.False(SiloTransport.Trusted(other, own, authority: own));   // not issued by that CA
    }

    /// <summary>The TCP ports this process listens on: /proc's sockets in LISTEN state whose inode is one of our
    /// descriptors.</summary>
    private static HashSet<int> OwnListeners()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "reads /proc: Linux only");
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:[",
                    StringComparison.Ordinal))
                    inodes.Add(target["socket:[".Length..^1]);
            }
            catch (IOException)
            {
                // A descriptor closed while we looked.
            }
        }
        var ports = new HashSet<int>();
        foreach (var table in new[] { "/proc/self/net/tcp", "/proc/self/net/tcp6" }.Where(File.Exists))
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var cells = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (cells.Length > 9 && cells[3] == "0A" && inodes.Contains(cells[9]))
                    ports.Add(Convert.ToInt32(cells[1][(cells[1].LastIndexOf(':') + 1)..], 16));
            }
        return ports;
    }
}
