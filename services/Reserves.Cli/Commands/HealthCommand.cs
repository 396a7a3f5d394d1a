using System.CommandLine;
using Grpc.Core;
using Grpc.Health.V1;
using Reserves.ServiceHosting;

namespace Reserves.Cli.Commands;

/// <summary>`reserves health`: asks a service's standard gRPC health endpoint (container health checks use it).</summary>
public static class HealthCommand
{
    public static Command Create()
    {
        var address = new Option<string>("--address") { Description = "Service address (http(s)://host:port)", Required = true };
        var service = new Option<string>("--service")
        {
            Description = $"Health service name: '{HealthServices.Live}' (alive, the default) or '{HealthServices.Ready}' (ready for work)",
            DefaultValueFactory = _ => HealthServices.Live,
        };
        var command = new Command("health", "Check a service's gRPC health; exit 0 when it is serving") { address, service };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var channel = ServiceChannels.Create(parse.GetValue(address)!, ClientSecurity.FromEnvironment());
            try
            {
                var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = parse.GetValue(service) },
                    deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: cancellationToken);
                Console.WriteLine(reply.Status.ToString().ToUpperInvariant());
                return reply.Status == HealthCheckResponse.Types.ServingStatus.Serving ? ExitCodes.Ok : ExitCodes.Failure;
            }
            catch (RpcException e)
            {
                Console.Error.WriteLine($"health: {e.Status.StatusCode}: {e.Status.Detail}");
                return ExitCodes.ServerUnavailable;
            }
        });
        return command;
    }
}
