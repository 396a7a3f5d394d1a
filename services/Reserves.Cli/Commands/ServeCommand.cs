using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Reserves.Avr.Service;
using Reserves.Crvm.Service;
using Reserves.Imr.Service;
using Reserves.Orchestrator;
using Reserves.ServiceHosting;

namespace Reserves.Cli.Commands;

/// <summary>`reserves serve orchestrator|crvm|avr|imr`: one service in the foreground (what containers run).</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var tables = CommonOptions.Tables();
        var crvm = Service("crvm", "Start the CRVM calculator gRPC service", 5101, [tables],
            (parse, grpc) => CrvmServiceHost.Build(grpc, RepositoryPaths.TableDirectory(parse.GetValue(tables))));
        var avr = Service("avr", "Start the AVR calculator gRPC service", 5102, [], (_, grpc) => AvrServiceHost.Build(grpc));
        var imr = Service("imr", "Start the IMR calculator gRPC service", 5103, [], (_, grpc) => ImrServiceHost.Build(grpc));

        var crvmAddress = new Option<string>("--crvm") { Description = "CRVM calculator address", DefaultValueFactory = _ => "http://127.0.0.1:5101" };
        var avrAddress = new Option<string>("--avr") { Description = "AVR calculator address", DefaultValueFactory = _ => "http://127.0.0.1:5102" };
        var imrAddress = new Option<string>("--imr") { Description = "IMR calculator address", DefaultValueFactory = _ => "http://127.0.0.1:5103" };
        var state = new Option<string>("--state") { Description = "State directory (SQLite grain state, uploads)", DefaultValueFactory = _ => RunCommand.DefaultStateDirectory };
        var siloPort = new Option<int>("--silo-port")
        {
            Description = "Orleans silo port (0: a free one)",
            DefaultValueFactory = _ => 11111
        }.Within(0, 65_535);
        var clusterCertificate = new Option<string?>("--cluster-certificate")
        {
            Description = $"Cluster mode: PEM certificate of silo-to-silo mutual TLS, held by every silo (env "
                + $"{EnvironmentNames.ClusterCertificate})",
            DefaultValueFactory = _ => EnvironmentNames.Read(EnvironmentNames.ClusterCertificate),
        };
        var clusterKey = new Option<string?>("--cluster-key")
        {
            Description = $"Cluster mode: PEM private key of the cluster certificate (env "
                + $"{EnvironmentNames.ClusterKey})",
            DefaultValueFactory = _ => EnvironmentNames.Read(EnvironmentNames.ClusterKey),
        };
        var clusterCa = new Option<string?>("--cluster-ca")
        {
            Description = $"Cluster mode: PEM certificate of the CA that issued the silos' certificates; without it, "
                + $"peers must hold this silo's certificate (env {EnvironmentNames.ClusterCa})",
            DefaultValueFactory = _ => EnvironmentNames.Read(EnvironmentNames.ClusterCa),
        };
        var inputsRoot = new Option<string?>("--inputs-root")
        {
            Description = $"Runs may name input files by path under this directory only (env "
                + $"{EnvironmentNames.InputsRoot}); default: none, inputs are uploaded",
            DefaultValueFactory = _ => EnvironmentNames.Read(EnvironmentNames.InputsRoot),
        };
        var insecureCluster = new Option<bool>("--insecure-cluster")
        {
            Description = "Cluster mode without silo-to-silo TLS: any process that reaches the silo port can join "
                + "(logged as a warning)",
        };
        var orchestratorTables = CommonOptions.Tables();
        var postgres = CommonOptions.Postgres();
        var clusterId = new Option<string>("--cluster-id")
        {
            Description = $"Cluster mode: silos with the same id form one cluster (env {EnvironmentNames.ClusterId})",
            DefaultValueFactory = _ => EnvironmentNames.Read(EnvironmentNames.ClusterId) ?? "reserves",
        };
        var advertise = new Option<string?>("--advertise")
        {
            Description = $"Cluster mode: the IP address other silos reach this one at, such as the pod IP (env {EnvironmentNames.AdvertisedAddress}); default loopback",
            DefaultValueFactory = _ => EnvironmentNames.Read(EnvironmentNames.AdvertisedAddress),
        };
        var orchestrator = Service("orchestrator", "Start the Orleans silo and the ValuationService front door", 5100,
            [crvmAddress, avrAddress, imrAddress, state, siloPort, orchestratorTables, postgres, clusterId, advertise,
                clusterCertificate, clusterKey,
                clusterCa, insecureCluster, inputsRoot],
            (parse, grpc) => OrchestratorHost.Build(new OrchestratorOptions(grpc,
                new CalculatorEndpoints(parse.GetValue(crvmAddress)!, parse.GetValue(avrAddress)!, parse.GetValue(imrAddress)!),
                RepositoryPaths.TableDirectory(parse.GetValue(orchestratorTables)), parse.GetValue(state)!,
                parse.GetValue(siloPort),
                parse.GetValue(postgres) is { } connection
                    ? new ClusterSettings(connection, parse.GetValue(clusterId)!, parse.GetValue(advertise),
                        ClusterTls(parse.GetValue(clusterCertificate), parse.GetValue(clusterKey),
                            parse.GetValue(clusterCa)),
                        parse.GetValue(insecureCluster))
                    : null,
                ClientSecurity.FromEnvironment(),
                parse.GetValue(inputsRoot) is { } root
                    ? Orchestrator.Front.InputPaths.Under(root)
                    : Orchestrator.Front.InputPaths.UploadsOnly)));
        return new Command("serve", "Start one service (what containers run)") { orchestrator, crvm, avr, imr };
    }

    private static SiloTls? ClusterTls(string? certificate, string? key, string? authority) =>
        certificate is null && key is null ? null
        : certificate is null || key is null
            ? throw new InvalidOperationException("give both --cluster-certificate and --cluster-key")
            : new SiloTls(certificate, key, authority);

    /// <summary>A service command: its own options plus --port and --listen-any; prints its address, runs until stopped.</summary>
    private static Command Service(string name, string description, int defaultPort, Option[] options, Func<ParseResult, GrpcHostOptions, WebApplication> build)
    {
        var port = new Option<int>("--port")
        {
            Description = "Port to listen on (0 picks a free one)",
            DefaultValueFactory = _ => defaultPort
        }.Within(0, 65_535);
        var anyInterface = new Option<bool>("--listen-any") { Description = "Listen on every interface instead of loopback (containers)" };
        var tokensFile = new Option<string?>("--tokens-file")
        {
            Description = $"File of accepted bearer tokens, one per line, re-read when it changes (env {EnvironmentNames.TokensFile}); tokens also come from env {EnvironmentNames.Tokens} (comma-separated)",
            DefaultValueFactory = _ => EnvironmentNames.Read(EnvironmentNames.TokensFile),
        };
        var certificate = new Option<string?>("--tls-certificate")
        {
            Description = $"PEM certificate chain: serve TLS (env {EnvironmentNames.TlsCertificate})",
            DefaultValueFactory = _ => EnvironmentNames.Read(EnvironmentNames.TlsCertificate),
        };
        var key = new Option<string?>("--tls-key")
        {
            Description = $"PEM private key of the certificate (env {EnvironmentNames.TlsKey})",
            DefaultValueFactory = _ => EnvironmentNames.Read(EnvironmentNames.TlsKey),
        };
        var command = new Command(name, description) { port, anyInterface, tokensFile, certificate, key };
        foreach (var option in options) command.Options.Add(option);
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Tokens come only from the environment (never a command line, which other users can list).
            var security = ServerSecurity.FromEnvironment() with
            {
                TokensFile = parse.GetValue(tokensFile),
                Certificate = parse.GetValue(certificate),
                Key = parse.GetValue(key),
            };
            WebApplication app;
            try { app = build(parse, new GrpcHostOptions(parse.GetValue(port), parse.GetValue(anyInterface), Security: security)); }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"serve {name}: {e.Message}");
                return ExitCodes.BadInput;
            }
            await app.StartAsync(cancellationToken);
            Console.WriteLine($"{name} listening on {GrpcServiceHost.Address(app)}");
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }
}
