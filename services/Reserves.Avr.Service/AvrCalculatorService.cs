using Grpc.Core;
using Reserves.Contracts.Avr.V1;
using Reserves.Investments.Avr;
using static Reserves.Avr.Service.AvrContractMapping;

namespace Reserves.Avr.Service;

/// <summary>The avr/v1 calculator: validate, map, call the library, map back.</summary>
public sealed class AvrCalculatorService : Contracts.Avr.V1.AvrCalculator.AvrCalculatorBase
{
    public override Task<ComputeComponentsResponse> ComputeComponents(ComputeComponentsRequest request, ServerCallContext context) =>
        Task.FromResult(ToContract(Components(request)));

    public override Task<ComputeRollForwardResponse> ComputeRollForward(ComputeRollForwardRequest request, ServerCallContext context)
    {
        var components = Components(request.Components ?? new ComputeComponentsRequest());
        var roll = AvrRollForward.Compute(components, RollForwardInputs(request.Inputs));
        var response = new ComputeRollForwardResponse { Components = ToContract(components) };
        response.Lines.AddRange(ToContract(roll));
        return Task.FromResult(response);
    }

    public override Task<FactorSetDescription> DescribeFactorSet(DescribeFactorSetRequest request, ServerCallContext context)
    {
        var set = FactorSet(request.Factors);
        var description = new FactorSetDescription { FactorSet = Info(set) };
        description.Lines.AddRange(set.Lines.Select(ToContract));
        description.ShippedYears.AddRange(AvrFactorSetReader.ShippedYears);
        return Task.FromResult(description);
    }

    private static AvrComponents Components(ComputeComponentsRequest request)
    {
        var set = FactorSet(request.Factors);
        var eaf = Eaf(request.Eaf);
        return Investments.Avr.AvrCalculator.Compute(Holdings(request.Holdings), set, eaf, Source);
    }
}
