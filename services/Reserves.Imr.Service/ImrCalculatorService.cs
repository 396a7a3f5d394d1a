using Grpc.Core;
using Reserves.Contracts.Imr.V1;
using Reserves.Exhibits.Imr;
using Reserves.Inputs;
using Reserves.Investments.Imr;
using Reserves.ServiceHosting;
using static Reserves.Imr.Service.ImrContractMapping;

namespace Reserves.Imr.Service;

/// <summary>The imr/v1 calculator: validate, map, call the library, map back.</summary>
public sealed class ImrCalculatorService : ImrCalculator.ImrCalculatorBase
{
    public override Task<RouteDisposalsResponse> RouteDisposals(RouteDisposalsRequest request, ServerCallContext context)
    {
        var (disposals, defaultRate) = DisposalsWithRates(request.Disposals, request.DefaultTaxRate);
        var response = new RouteDisposalsResponse();
        foreach (var d in disposals)
            response.Routing.AddRange(ImrRouting.Route(d, d.TaxRate ?? defaultRate!.Value).Select(g => ToContract(ImrReport.Row(g))));
        return Task.FromResult(response);
    }

    public override Task<AmortizationSchedulesResponse> AmortizationSchedules(AmortizationSchedulesRequest request, ServerCallContext context)
    {
        var (disposals, defaultRate) = DisposalsWithRates(request.Disposals, request.DefaultTaxRate);
        var tables = GroupedTables(request.GroupedTable);
        var method = Method(request.Method);
        var response = new AmortizationSchedulesResponse();
        foreach (var d in disposals)
            foreach (var part in ImrRouting.Route(d, d.TaxRate ?? defaultRate!.Value).Where(p => p.Route == GainRoute.Imr))
            {
                var schedule = method == Investments.Imr.AmortizationMethod.Seriatim
                    ? SeriatimAmortization.Schedule(d, part.PreTaxGain, part.AfterTaxGain)
                    : GroupedAmortization.Schedule(d, part.PreTaxGain, part.AfterTaxGain, tables
                        ?? throw new AssumptionMissingException("imr grouped table", "the grouped method needs the NAIC amortization table (grouped_table)"));
                response.Schedules.AddRange(ToContract(schedule.Years.Select(y => new ImrAmortizationRow(schedule.DisposalId, schedule.Method, y.Year, y.PreTax, y.AfterTax))));
            }
        return Task.FromResult(response);
    }

    public override Task<ComputeImrResponse> ComputeImr(ComputeImrRequest request, ServerCallContext context)
    {
        var f = new RequestFields();
        var date = f.Date(request.StatementDate, "statement_date");
        var defaultRate = f.OptionalAmount(request.DefaultTaxRate, "default_tax_rate");
        f.ThrowIfAny();
        var options = new ImrRunOptions(date, Method(request.Method), defaultRate, Presentation(request.Presentation), Conditions(request.Int2301),
            request.MethodLock.ToDictionary(p => p.Key, p => Method(p.Value)), GroupedTables(request.GroupedTable));
        var result = ImrRun.Run(Disposals(request.Disposals), YearAmounts(request.Prior, "prior"), YearAmounts(request.LiabilityGains, "liability_gains"),
            options, RequestFields.Source);
        return Task.FromResult(ToContract(ImrReport.From(result)));
    }

    public override Task<Contracts.Imr.V1.NegativeImrAssessment> AssessNegativeImr(AssessNegativeImrRequest request, ServerCallContext context)
    {
        var f = new RequestFields();
        var net = f.Amount(request.NetImr, "net_imr", whenEmpty: null);
        var date = f.Date(request.StatementDate, "statement_date");
        f.ThrowIfAny();
        try
        {
            var a = NegativeImr.Assess(net, date, Presentation(request.Presentation), Conditions(request.Int2301));
            return Task.FromResult(ToContract(new ImrNegative(a.NetImr, a.Disallowed, a.Admitted, a.Nonadmitted,
                ImrReport.PresentationName(a.Presentation), a.Reason)));
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException(new InputError(RequestFields.Source, null, null, "int2301.current_unadjusted_capital_and_surplus", e.Message));
        }
    }

    private static (List<Investments.Imr.Disposal> Disposals, decimal? DefaultRate) DisposalsWithRates(IReadOnlyList<Contracts.Imr.V1.Disposal> request, string defaultTaxRate)
    {
        var f = new RequestFields("disposals");
        var rate = f.OptionalAmount(defaultTaxRate, "default_tax_rate");
        f.ThrowIfAny();
        var disposals = Disposals(request);
        for (var i = 0; i < disposals.Count; i++)
            if (disposals[i].TaxRate is null && rate is null) f.Error("tax_rate", "no tax rate: give it per disposal or default_tax_rate", i);
        f.ThrowIfAny();
        return (disposals, rate);
    }
}
