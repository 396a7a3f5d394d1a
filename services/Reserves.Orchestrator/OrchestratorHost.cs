using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
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
    ClusterSettings? Cluster = null,
    ClientSecurity? CalculatorSecurity = null,
    InputPaths? InputPaths = null);

/// <summary>
/// Cluster mode: membership and grain state in PostgreSQL, so that silos on several hosts form one cluster and a run
/// survives the loss of any of them. Without it (the default) the silo clusters with itself on loopback and keeps
/// state in SQLite.
/// </summary>
/// <param name="Postgres">Npgsql connection string.</param>
/// <param name="ClusterId">Silos with the same id form one cluster.</param>
/// <param name="AdvertisedAddress">The address other silos reach this one at (the pod IP); loopback when absent.</param>
/// <param name="Tls">The certificates of silo-to-silo mutual TLS; required unless <paramref name="Insecure"/>.</param>
/// <param name="Insecure">--insecure-cluster: silos talk without TLS (any process that reaches the port can
/// join).</param>
public sealed record ClusterSettings(string Postgres, string ClusterId = "reserves", string? AdvertisedAddress = null,
    SiloTls? Tls = null, bool Insecure = false);

/// <summary>
/// The orchestrator process: an Orleans silo (by default localhost clustering with grain state in SQLite under the state
/// directory; in cluster mode PostgreSQL) and the front-door ValuationService over gRPC, with reflection and health.
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
        var state = StateDirectory.Acquire(options.StateDirectory);
        try
        {
            var app = Build(options, state);
            app.Lifetime.ApplicationStopped.Register(state.Dispose);
            return app;
        }
        catch
        {
            state.Dispose();
            throw;
        }
    }

    private static WebApplication Build(OrchestratorOptions options, StateDirectory state)
    {
        var uploads = state.Uploads;
        var siloPort = options.SiloPort > 0 ? options.SiloPort : FreePort();
        if (options.Cluster is { Tls: null, Insecure: false })
            throw new InvalidOperationException("cluster mode needs the silo-to-silo TLS certificate: give "
                + "--cluster-certificate and "
                + $"--cluster-key (env {EnvironmentNames.ClusterCertificate}, {EnvironmentNames.ClusterKey}), or "
                    + $"--insecure-cluster "
                + "to let any process that reaches the silo port join the cluster");
        var (certificate, authority) = options.Cluster?.Tls is { } tls
            ? SiloTransport.Load(tls)
            : (SiloTransport.Ephemeral(), null);
        var app = GrpcServiceHost.Build(options.Grpc,
            services =>
            {
                services.AddSingleton(new CalculatorClients(options.Calculators, options.CalculatorSecurity));
                services.AddSingleton(new RunPlanner(new TableLibrary(options.TablesDirectory), uploads,
                    options.InputPaths ?? InputPaths.UploadsOnly));
                services.AddSingleton<IReadiness, SiloReadiness>();
                services.AddSingleton(TimeProvider.System);
                services.AddHostedService<UploadRetention>();
                services.AddSingleton<IErrorMapping, ClusterErrorMapping>();
            },
            app => app.MapGrpcService<ValuationFrontDoor>(),
            builder =>
            {
                // The silo's advice on server GC is noise on a 2-core machine; real warnings stay.
                builder.Logging.AddFilter("Orleans.Runtime.Silo", LogLevel.Error);
                builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
                builder.UseOrleans(silo =>
                {
                    // No gateway: the only client is the co-hosted front door (Orleans: gateway port 0 opens none).
                    if (options.Cluster is { } cluster) UsePostgres(silo, cluster, siloPort, gatewayPort: 0);
                    else
                    {
                        silo.UseLocalhostClustering(siloPort, gatewayPort: 0);
                        AddStorage(silo.Services, Path.Combine(state.Path, "grains.db"));
                    }
                    if (options.Cluster is not { Insecure: true, Tls: null }) SiloTransport.UseMutualTls(silo,
                        certificate, authority);
                    // A run's exhibit set travels from its grain to the front door in one Orleans message (between
                    // silos
                    // in cluster mode): room for a set of 150,000 disposals (about 200 MB), where Orleans allows 100
                    // MB.
                    silo.Configure<SiloMessagingOptions>(o => o.MaxMessageBodySize = 1024 * 1024 * 1024);
                });
            });
        if (options.Cluster is { Insecure: true, Tls: null })
            app.Logger.LogWarning("--insecure-cluster: the silo port {Port} has no TLS; any process that reaches it "
                + "can join the "
                + "cluster and call every grain", siloPort);
        return app;
    }

    /// <summary>Registers the SQLite grain storage under the name the grains use.</summary>
    public static void AddStorage(IServiceCollection services, string databasePath) =>
        services.AddKeyedSingleton<IGrainStorage>(StorageName, (sp, _) => RelationalGrainStorage.Sqlite(databasePath, sp.GetRequiredService<Serializer>()));

    /// <summary>Cluster mode: PostgreSQL membership and grain state; the schema is created at startup when missing.</summary>
    public static void UsePostgres(ISiloBuilder silo, ClusterSettings cluster, int siloPort, int gatewayPort)
    {
        var dataSource = NpgsqlDataSource.Create(cluster.Postgres);
        var advertised = cluster.AdvertisedAddress is { Length: > 0 } a ? IPAddress.Parse(a) : IPAddress.Loopback;
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = "reserves";
        });
        silo.ConfigureEndpoints(advertised, siloPort, gatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
        // A silo that stops writing i-am-alive for 10 s counts as gone, so that a cluster restarted after losing every
        // pod can form again quickly (Orleans' default waits about a minute); lost silos are probed every 3 s.
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
            o.NumMissedTableIAmAliveLimit = 2;
            o.ProbeTimeout = TimeSpan.FromSeconds(3);
        });
        silo.Services.AddSingleton(dataSource);
        silo.Services.AddSingleton<IMembershipTable>(sp => new PostgresMembershipTable(dataSource, cluster.ClusterId, sp.GetRequiredService<Serializer>()));
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageName, (sp, _) => RelationalGrainStorage.Postgres(dataSource, sp.GetRequiredService<Serializer>()));
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
