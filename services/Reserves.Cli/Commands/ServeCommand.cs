using Microsoft.Extensions.Hosting;
using System.CommandLine;
using Reserves.Avr.Service;
using Reserves.Crvm.Service;
using Reserves.Imr.Service;
using Reserves.Orchestrator;
using Reserves.ServiceHosting;

namespace Reserves.Cli.Commands;

public static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port to listen on (0 picks a free one)", DefaultValueFactory = _ => 5101 };
        var anyInterface = new Option<bool>("--listen-any") { Description = "Listen on every interface instead of loopback (containers)" };
        var tables = CommonOptions.Tables();
        var crvm = new Command("crvm", "Start the CRVM calculator gRPC service") { port, anyInterface, tables };
        crvm.SetAction(async (parse, cancellationToken) =>
        {
            var app = CrvmServiceHost.Build(new GrpcHostOptions(parse.GetValue(port), parse.GetValue(anyInterface)),
                RepositoryPaths.TableDirectory(parse.GetValue(tables)));
            await app.StartAsync(cancellationToken);
            Console.WriteLine($"crvm calculator listening on {GrpcServiceHost.Address(app)}");
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Ok;
        });
        var avrPort = new Option<int>("--port") { Description = "Port to listen on (0 picks a free one)", DefaultValueFactory = _ => 5102 };
        var avrAny = new Option<bool>("--listen-any") { Description = "Listen on every interface instead of loopback (containers)" };
        var avr = new Command("avr", "Start the AVR calculator gRPC service") { avrPort, avrAny };
        avr.SetAction(async (parse, cancellationToken) =>
        {
            var app = AvrServiceHost.Build(new GrpcHostOptions(parse.GetValue(avrPort), parse.GetValue(avrAny)));
            await app.StartAsync(cancellationToken);
            Console.WriteLine($"avr calculator listening on {GrpcServiceHost.Address(app)}");
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Ok;
        });
        var imrPort = new Option<int>("--port") { Description = "Port to listen on (0 picks a free one)", DefaultValueFactory = _ => 5103 };
        var imrAny = new Option<bool>("--listen-any") { Description = "Listen on every interface instead of loopback (containers)" };
        var imr = new Command("imr", "Start the IMR calculator gRPC service") { imrPort, imrAny };
        imr.SetAction(async (parse, cancellationToken) =>
        {
            var app = ImrServiceHost.Build(new GrpcHostOptions(parse.GetValue(imrPort), parse.GetValue(imrAny)));
            await app.StartAsync(cancellationToken);
            Console.WriteLine($"imr calculator listening on {GrpcServiceHost.Address(app)}");
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Ok;
        });
        var orchestratorPort = new Option<int>("--port") { Description = "Port of the ValuationService front door", DefaultValueFactory = _ => 5100 };
        var orchestratorAny = new Option<bool>("--listen-any") { Description = "Listen on every interface instead of loopback (containers)" };
        var crvmAddress = new Option<string>("--crvm") { Description = "CRVM calculator address", DefaultValueFactory = _ => "http://127.0.0.1:5101" };
        var avrAddress = new Option<string>("--avr") { Description = "AVR calculator address", DefaultValueFactory = _ => "http://127.0.0.1:5102" };
        var imrAddress = new Option<string>("--imr") { Description = "IMR calculator address", DefaultValueFactory = _ => "http://127.0.0.1:5103" };
        var state = new Option<string>("--state") { Description = "State directory (SQLite grain state, uploads)", DefaultValueFactory = _ => RunCommand.DefaultStateDirectory };
        var siloPort = new Option<int>("--silo-port") { Description = "Orleans silo port (0: a free one)", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Orleans gateway port (0: a free one)", DefaultValueFactory = _ => 30000 };
        var orchestratorTables = CommonOptions.Tables();
        var orchestrator = new Command("orchestrator", "Start the Orleans silo and the ValuationService front door")
        {
            orchestratorPort, orchestratorAny, crvmAddress, avrAddress, imrAddress, state, siloPort, gatewayPort, orchestratorTables,
        };
        orchestrator.SetAction(async (parse, cancellationToken) =>
        {
            var app = OrchestratorHost.Build(new OrchestratorOptions(new GrpcHostOptions(parse.GetValue(orchestratorPort), parse.GetValue(orchestratorAny)),
                new CalculatorEndpoints(parse.GetValue(crvmAddress)!, parse.GetValue(avrAddress)!, parse.GetValue(imrAddress)!),
                RepositoryPaths.TableDirectory(parse.GetValue(orchestratorTables)), parse.GetValue(state)!, parse.GetValue(siloPort), parse.GetValue(gatewayPort)));
            await app.StartAsync(cancellationToken);
            Console.WriteLine($"orchestrator listening on {GrpcServiceHost.Address(app)}");
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Ok;
        });
        return new Command("serve", "Start one service (what containers run)") { orchestrator, crvm, avr, imr };
    }
}
