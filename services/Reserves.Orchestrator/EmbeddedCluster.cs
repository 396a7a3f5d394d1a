using Microsoft.AspNetCore.Builder;
using Reserves.Avr.Service;
using Reserves.Crvm.Service;
using Reserves.Imr.Service;
using Reserves.ServiceHosting;

namespace Reserves.Orchestrator;

/// <summary>
/// The embedded default: the three calculators and an orchestrator silo in this process, each on a free loopback port,
/// grain state in SQLite under the state directory; callers use the same gRPC path as against a cluster.
/// </summary>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    private readonly WebApplication[] _apps;

    private EmbeddedCluster(WebApplication[] apps, string address, CalculatorEndpoints calculators)
    {
        _apps = apps;
        Address = address;
        Calculators = calculators;
    }

    /// <summary>The front door (ValuationService) address.</summary>
    public string Address { get; }

    public CalculatorEndpoints Calculators { get; }

    public static async Task<EmbeddedCluster> StartAsync(string? tablesDirectory, string stateDirectory, CancellationToken cancellationToken = default)
    {
        var crvm = CrvmServiceHost.Build(new GrpcHostOptions(), tablesDirectory);
        var avr = AvrServiceHost.Build(new GrpcHostOptions());
        var imr = ImrServiceHost.Build(new GrpcHostOptions());
        await Task.WhenAll(crvm.StartAsync(cancellationToken), avr.StartAsync(cancellationToken), imr.StartAsync(cancellationToken));
        var calculators = new CalculatorEndpoints(GrpcServiceHost.Address(crvm), GrpcServiceHost.Address(avr), GrpcServiceHost.Address(imr));
        var orchestrator = OrchestratorHost.Build(new OrchestratorOptions(new GrpcHostOptions(), calculators, tablesDirectory, stateDirectory));
        await orchestrator.StartAsync(cancellationToken);
        return new EmbeddedCluster([orchestrator, crvm, avr, imr], GrpcServiceHost.Address(orchestrator), calculators);
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
