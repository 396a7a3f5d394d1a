using Reserves.ServiceHosting;
using Grpc.Core;
using Grpc.Net.Client;
using Reserves.Inputs;
using Reserves.Contracts.Crvm.V1;
using Domain = Reserves.Actuarial;
using Reserves.Crvm.Service;

namespace Reserves.Cli;

/// <summary>
/// Values policies through a CRVM calculator service: one bidirectional stream, policies in batches. Status codes
/// come back as the library's exceptions, so the CLI reports them the same way as an in-process run.
/// </summary>
public static class RemoteCrvmClient
{
    public const int BatchSize = 5_000;

    public static async Task<Domain.Reserves.PolicyReserve[]> ValueAsync(string address, IReadOnlyList<Domain.Bases.ValuationBasis> bases,
        IReadOnlyList<Domain.Policies.Policy> policies, DateOnly valuationDate, CancellationToken cancellationToken = default)
    {
        using var channel = ServiceChannels.Create(address, ClientSecurity.FromEnvironment());
        var client = new CrvmCalculator.CrvmCalculatorClient(channel);
        try
        {
            using var call = client.ValueStream(cancellationToken: cancellationToken);
            var header = new ValueStreamHeader { ValuationDate = valuationDate.ToString("yyyy-MM-dd") };
            header.Bases.AddRange(bases.Select(ContractMapping.ToContract));
            var results = new List<Domain.Reserves.PolicyReserve>(policies.Count);
            var reading = Task.Run(async () =>
            {
                await foreach (var batch in call.ResponseStream.ReadAllAsync(cancellationToken))
                    results.AddRange(batch.Reserves.Select(ContractMapping.FromContract));
            }, cancellationToken);

            await call.RequestStream.WriteAsync(new ValueStreamRequest { Header = header }, cancellationToken);
            for (var start = 0; start < policies.Count; start += BatchSize)
            {
                var batch = new PolicyBatch();
                for (var i = start; i < Math.Min(policies.Count, start + BatchSize); i++) batch.Policies.Add(ContractMapping.ToContract(policies[i]));
                await call.RequestStream.WriteAsync(new ValueStreamRequest { Batch = batch }, cancellationToken);
            }
            await call.RequestStream.CompleteAsync();
            await reading;
            return results.ToArray();
        }
        catch (RpcException e)
        {
            throw GrpcErrors.FromStatus(e);
        }
    }
}
