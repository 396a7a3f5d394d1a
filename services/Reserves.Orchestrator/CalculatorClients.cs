using Grpc.Net.Client;
using Reserves.ServiceHosting;

namespace Reserves.Orchestrator;

/// <summary>Where the calculator services listen: http(s)://host:port, several of them comma-separated, or dns:///host:port.</summary>
public sealed record CalculatorEndpoints(string Crvm, string Avr, string Imr);

/// <summary>
/// One gRPC channel per calculator, shared by every segment of the silo. An address may list several instances or name
/// a headless service (see <see cref="ServiceChannels"/>): calls are balanced over them, and calls that find an instance
/// unavailable are retried with exponential backoff on another (gRPC's retry policy for unary calls; the segment
/// retries streams itself).
/// </summary>
public sealed class CalculatorClients : IDisposable
{
    public CalculatorClients(CalculatorEndpoints endpoints, ClientSecurity? security = null)
    {
        Endpoints = endpoints;
        security ??= new ClientSecurity();
        Crvm = ServiceChannels.Create(endpoints.Crvm, security);
        Avr = ServiceChannels.Create(endpoints.Avr, security);
        Imr = ServiceChannels.Create(endpoints.Imr, security);
    }

    public CalculatorEndpoints Endpoints { get; }
    public GrpcChannel Crvm { get; }
    public GrpcChannel Avr { get; }
    public GrpcChannel Imr { get; }

    public void Dispose()
    {
        Crvm.Dispose();
        Avr.Dispose();
        Imr.Dispose();
    }
}
