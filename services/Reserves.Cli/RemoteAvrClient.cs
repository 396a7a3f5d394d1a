using System.Globalization;
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
        using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 });
        var client = new AvrCalculator.AvrCalculatorClient(channel);
        var components = new ComputeComponentsRequest
        {
            Factors = new FactorSetChoice { StatementYear = statementYear, FactorSetJson = factorSetJson ?? "" },
            Eaf = eaf is null ? "" : AvrContractMapping.Text(eaf.Value),
        };
        components.Holdings.AddRange(holdings.Select(AvrContractMapping.ToContract));
        try
        {
            if (rollForward is null)
                return Report(await client.ComputeComponentsAsync(components, cancellationToken: cancellationToken), null);
            var request = new ComputeRollForwardRequest { Components = components };
            foreach (var (part, input) in rollForward) request.Inputs[Domain.AvrCodes.Code(part)] = AvrContractMapping.ToContract(input);
            var response = await client.ComputeRollForwardAsync(request, cancellationToken: cancellationToken);
            return Report(response.Components, response.Lines);
        }
        catch (RpcException e)
        {
            throw GrpcErrors.FromStatus(e);
        }
    }

    private static AvrReport Report(ComputeComponentsResponse c, IEnumerable<RollForwardLine>? roll) => new(
        c.FactorSet.StatementYear, c.FactorSet.Source, c.FactorSet.DesignationStructure, D(c.Eaf),
        c.DefaultComponent.Select(Row).ToList(), c.EquityComponent.Select(Row).ToList(),
        roll?.Select(r => new AvrRollForwardRow(r.Line, r.Description, D(r.DefaultOther), D(r.DefaultMortgage), D(r.DefaultTotal),
            D(r.EquityCommon), D(r.EquityOther), D(r.EquityTotal), D(r.Total))).ToList());

    private static AvrPageRow Row(PageLine l) => new(l.Line, l.Designation, l.Description, l.Total, D(l.Bacv), D(l.RelatedPartyEncumbrances),
        D(l.ThirdPartyEncumbrances), D(l.Balance), N(l.BcFactor), D(l.BasicContribution), N(l.RoFactor), D(l.ReserveObjective), N(l.MaxFactor), D(l.MaximumReserve));

    private static decimal D(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
    private static decimal? N(string text) => text.Length == 0 ? null : D(text);
}
