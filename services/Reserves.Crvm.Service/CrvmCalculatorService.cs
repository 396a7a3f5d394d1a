using Grpc.Core;
using Reserves.Actuarial.Bases;
using Reserves.Inputs;
using Reserves.Actuarial.Policies;
using Reserves.Actuarial.Reserves;
using Reserves.Contracts.Crvm.V1;
using static Reserves.Crvm.Service.ContractMapping;

namespace Reserves.Crvm.Service;

/// <summary>The crvm/v1 calculator: validate, map, call the library, map back.</summary>
public sealed class CrvmCalculatorService(BlockValuation valuation) : CrvmCalculator.CrvmCalculatorBase
{
    public override Task<ValueBlockResponse> ValueBlock(ValueBlockRequest request, ServerCallContext context)
    {
        var date = ValuationDate(request.ValuationDate);
        var bases = Bases(request.Bases);
        var policies = Policies(request.Policies);
        var response = new ValueBlockResponse();
        response.Reserves.AddRange(valuation.Value(policies, bases, date, Source).Select(ToContract));
        return Task.FromResult(response);
    }

    public override async Task ValueStream(IAsyncStreamReader<ValueStreamRequest> requestStream,
        IServerStreamWriter<PolicyReserveBatch> responseStream, ServerCallContext context)
    {
        if (!await requestStream.MoveNext(context.CancellationToken) || requestStream.Current.PayloadCase != ValueStreamRequest.PayloadOneofCase.Header)
            throw new InvalidInputException(new InputError(Source, null, null, "header", "the first message of the stream must be the header"));
        var header = requestStream.Current.Header;
        var date = ValuationDate(header.ValuationDate, "header.valuation_date");
        var bases = Bases(header.Bases, "header.bases");

        var batchIndex = 0;
        var offset = 0;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var message = requestStream.Current;
            if (message.PayloadCase != ValueStreamRequest.PayloadOneofCase.Batch)
                throw new InvalidInputException(new InputError(Source, null, null, "header", "the header may only be sent once, first"));
            var policies = Policies(message.Batch.Policies, offset);
            var reserves = valuation.Value(policies, bases, date, Source, offset);
            var batch = new PolicyReserveBatch { BatchIndex = batchIndex++ };
            if (header.SumsOnly) batch.Sums.AddRange(Exhibits.LifeReserveExhibit.Totals(reserves).Select(ToContract));
            else batch.Reserves.AddRange(reserves.Select(ToContract));
            await responseStream.WriteAsync(batch, context.CancellationToken);
            offset += policies.Count;
        }
    }

    public override Task<BasisDescription> DescribeBasis(DescribeBasisRequest request, ServerCallContext context)
    {
        if (request.Basis is null)
            throw new InvalidInputException(new InputError(Source, null, null, "basis", "basis is missing"));
        var basis = Basis(request.Basis, "basis");
        var description = new BasisDescription { Basis = ToContract(basis) };
        foreach (var (key, reference) in basis.Mortality.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var table = valuation.Tables.Get(reference);
            description.Mortality.Add(new MortalityAssignment { Key = key, Table = ToContract(table) });
            for (var i = 0; i < request.SampleIssueAges.Count; i++)
            {
                var age = request.SampleIssueAges[i];
                if (!table.AcceptsIssueAge(age))
                    throw new InvalidInputException(new InputError(Source, null, null, $"sample_issue_ages[{i}]",
                        $"issue age {age} is outside table {table.Reference}"));
                var q = table.PolicyYearRates(age);
                var factors = ReserveFactorCalculator.Compute(q, basis.Interest, basis.Timing, basis.Method, new PlanShape(q.Length, q.Length, false));
                description.SamplePremiums.Add(new SampleNetPremium
                {
                    Key = key,
                    IssueAge = age,
                    AlphaPer1000 = factors.Alpha * 1000,
                    BetaPer1000 = factors.Beta * 1000,
                    NetLevelPremiumPer1000 = factors.NetLevelPremium * 1000,
                });
            }
        }
        return Task.FromResult(description);
    }

    public override Task<ListTablesResponse> ListTables(ListTablesRequest request, ServerCallContext context)
    {
        var response = new ListTablesResponse { TableDirectory = valuation.Tables.Directory ?? "" };
        response.Loaded.AddRange(valuation.Tables.Loaded.Select(ToContract));
        if (request.IncludeAvailable) response.Available.AddRange(valuation.Tables.Available());
        return Task.FromResult(response);
    }
}
