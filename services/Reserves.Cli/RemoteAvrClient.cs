using Reserves.ServiceHosting;
using Grpc.Core;
using Grpc.Net.Client;
using Reserves.Avr.Service;
using Reserves.Contracts.Avr.V1;
using Reserves.Exhibits.Avr;
using Domain = Reserves.Investments.Avr;

namespace Reserves.Cli;

/// <summary>Computes the AVR through an AVR calculator service and reads the answer back into the report the CLI writes.</summary>
public static class RemoteAvrClient
{
    public static async Task<AvrReport> ComputeAsync(string address, int statementYear, string? factorSetJson, decimal? eaf,
        IReadOnlyList<Domain.Holding> holdings, IReadOnlyDictionary<Domain.AvrSubComponent, Domain.AvrRollForwardInput>? rollForward,
        CancellationToken cancellationToken = default)
    {
        using var channel = ServiceChannels.Create(address, ClientSecurity.FromEnvironment());
        var client = new AvrCalculator.AvrCalculatorClient(channel);
        var components = new ComputeComponentsRequest
        {
            Factors = new FactorSetChoice { StatementYear = statementYear, FactorSetJson = factorSetJson ?? "" },
            Eaf = eaf is null ? "" : Reserves.ServiceHosting.RequestFields.Text(eaf.Value),
        };
        components.Holdings.AddRange(holdings.Select(AvrContractMapping.ToContract));
        try
        {
            if (rollForward is null)
                return AvrContractMapping.FromContract(await client.ComputeComponentsAsync(components, cancellationToken: cancellationToken), null);
            var request = new ComputeRollForwardRequest { Components = components };
            foreach (var (part, input) in rollForward) request.Inputs[Domain.AvrCodes.Code(part)] = AvrContractMapping.ToContract(input);
            var response = await client.ComputeRollForwardAsync(request, cancellationToken: cancellationToken);
            return AvrContractMapping.FromContract(response.Components, response.Lines);
        }
        catch (RpcException e)
        {
            throw GrpcErrors.FromStatus(e);
        }
    }
}
