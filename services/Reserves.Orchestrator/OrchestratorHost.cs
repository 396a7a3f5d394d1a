using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;
using Orleans.Storage;
using Reserves.Actuarial.Tables;
using Reserves.Orchestrator.Front;
using Reserves.Orchestrator.Storage;
using Reserves.ServiceHosting;

namespace Reserves.Orchestrator;

/// <summary>How an orchestrator silo runs: its gRPC front door, the calculators it calls, its tables and state.</summary>
public sealed record OrchestratorOptions(
    GrpcHostOptions Grpc,
    CalculatorEndpoints Calculators,
    string? TablesDirectory,
    string StateDirectory,
    int SiloPort = 0,
    int GatewayPort = 0);

/// <summary>
/// The orchestrator process: an Orleans silo (localhost clustering, grain state in SQLite under the state directory)
/// and the front-door ValuationService over gRPC, with reflection and health.
/// </summary>
public static class OrchestratorHost
{
    public const string StorageName = "reserves";

    /// <summary>Identifies this process: an outcome produced by another process (before a restart) is "reused".</summary>
    public static readonly string ProcessId = Guid.NewGuid().ToString("N");

    public static string SoftwareVersion { get; } =
        typeof(OrchestratorHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static WebApplication Build(OrchestratorOptions options)
    {
        Directory.CreateDirectory(options.StateDirectory);
        var uploads = Path.Combine(options.StateDirectory, "uploads");
        Directory.CreateDirectory(uploads);
        var siloPort = options.SiloPort > 0 ? options.SiloPort : FreePort();
        var gatewayPort = options.GatewayPort > 0 ? options.GatewayPort : FreePort();
        return GrpcServiceHost.Build(options.Grpc,
            services =>
            {
                services.AddSingleton(new CalculatorClients(options.Calculators));
                services.AddSingleton(new RunPlanner(new TableLibrary(options.TablesDirectory), uploads));
            },
            app => app.MapGrpcService<ValuationFrontDoor>(),
            builder =>
            {
                // The silo's advice on server GC is noise on a 2-core machine; real warnings stay.
                builder.Logging.AddFilter("Orleans.Runtime.Silo", LogLevel.Error);
                builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
                builder.UseOrleans(silo =>
                {
                    silo.UseLocalhostClustering(siloPort, gatewayPort);
                    AddStorage(silo.Services, Path.Combine(options.StateDirectory, "grains.db"));
                });
            });
    }

    /// <summary>Registers the SQLite grain storage under the name the grains use.</summary>
    public static void AddStorage(IServiceCollection services, string databasePath) =>
        services.AddKeyedSingleton<IGrainStorage>(StorageName, (sp, _) => new SqliteGrainStorage(databasePath, sp.GetRequiredService<Serializer>()));

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
