using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;

namespace Reserves.Orchestrator;

/// <summary>Where the calculator services listen (http://host:port).</summary>
public sealed record CalculatorEndpoints(string Crvm, string Avr, string Imr);

/// <summary>
/// One gRPC channel per calculator, shared by every segment of the silo. Calls that find the service unavailable are
/// retried with exponential backoff (gRPC's retry policy for unary calls; the segment retries streams itself).
/// </summary>
public sealed class CalculatorClients : IDisposable
{
    public const int MaxMessageBytes = 64 * 1024 * 1024;

    public CalculatorClients(CalculatorEndpoints endpoints)
    {
        Endpoints = endpoints;
        Crvm = Channel(endpoints.Crvm);
        Avr = Channel(endpoints.Avr);
        Imr = Channel(endpoints.Imr);
    }

    public CalculatorEndpoints Endpoints { get; }
    public GrpcChannel Crvm { get; }
    public GrpcChannel Avr { get; }
    public GrpcChannel Imr { get; }

    private static GrpcChannel Channel(string address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        MaxReceiveMessageSize = MaxMessageBytes,
        MaxSendMessageSize = MaxMessageBytes,
        ServiceConfig = new ServiceConfig
        {
            MethodConfigs =
            {
                new MethodConfig
                {
                    Names = { MethodName.Default },
                    RetryPolicy = new RetryPolicy
                    {
                        MaxAttempts = 5,
                        InitialBackoff = TimeSpan.FromMilliseconds(200),
                        MaxBackoff = TimeSpan.FromSeconds(3),
                        BackoffMultiplier = 2,
                        RetryableStatusCodes = { StatusCode.Unavailable },
                    },
                },
            },
        },
    });

    public void Dispose()
    {
        Crvm.Dispose();
        Avr.Dispose();
        Imr.Dispose();
    }
}
