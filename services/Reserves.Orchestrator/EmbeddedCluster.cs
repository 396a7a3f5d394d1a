using Microsoft.AspNetCore.Builder;
using Reserves.Avr.Service;
using Reserves.Crvm.Service;
using Reserves.Imr.Service;
using Reserves.Orchestrator.Front;
using Reserves.ServiceHosting;

namespace Reserves.Orchestrator;

/// <summary>
/// The embedded default: the three calculators and an orchestrator silo in this process, each on a free loopback port
/// behind a bearer token made up for this process,
/// grain state in SQLite under the state directory; callers use the same gRPC path as against a cluster.
/// </summary>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    private readonly WebApplication[] _apps;

    private EmbeddedCluster(WebApplication[] apps, string address, CalculatorEndpoints calculators, string token,
        int siloPort)
    {
        _apps = apps;
        SiloPort = siloPort;
        Address = address;
        Calculators = calculators;
        Security = new ClientSecurity(token);
    }

    /// <summary>The front door (ValuationService) address.</summary>
    public string Address { get; }

    public CalculatorEndpoints Calculators { get; }

    /// <summary>The silo's loopback port: mutual TLS with a certificate made up for this process; no gateway
    /// port.</summary>
    public int SiloPort { get; }

    /// <summary>The bearer token of this process's services, made up at start: even on loopback no other process can call them.</summary>
    public ClientSecurity Security { get; }

    public static async Task<EmbeddedCluster> StartAsync(string? tablesDirectory, string stateDirectory, CancellationToken cancellationToken = default)
    {
        var token = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var host = new GrpcHostOptions(Security: new ServerSecurity([token]));
        var crvm = CrvmServiceHost.Build(host, tablesDirectory);
        var avr = AvrServiceHost.Build(host);
        var imr = ImrServiceHost.Build(host);
        await Task.WhenAll(crvm.StartAsync(cancellationToken), avr.StartAsync(cancellationToken), imr.StartAsync(cancellationToken));
        var calculators = new CalculatorEndpoints(GrpcServiceHost.Address(crvm), GrpcServiceHost.Address(avr), GrpcServiceHost.Address(imr));
        var siloPort = OrchestratorHost.FreePort();
        var orchestrator = OrchestratorHost.Build(new OrchestratorOptions(host, calculators, tablesDirectory, stateDirectory,
            SiloPort: siloPort, CalculatorSecurity: new ClientSecurity(token), InputPaths: InputPaths.AnyPath));
        await orchestrator.StartAsync(cancellationToken);
        return new EmbeddedCluster([orchestrator, crvm, avr, imr], GrpcServiceHost.Address(orchestrator), calculators,
            token,
            siloPort);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
