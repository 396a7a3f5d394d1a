using Reserves.Inputs;
using Reserves.Investments.Avr;

namespace Reserves.Investments.Imr;

public enum AmortizationMethod
{
    Seriatim,
    Grouped,
}

/// <summary>Options of an IMR run.</summary>
public sealed record ImrRunOptions(
    DateOnly StatementDate,
    AmortizationMethod Method = AmortizationMethod.Seriatim,
    decimal? DefaultTaxRate = null,
    NegativeImrPresentation Presentation = NegativeImrPresentation.NonadmittedAsset,
    Int2301Conditions? Int2301 = null,
    IReadOnlyDictionary<int, AmortizationMethod>? MethodLock = null,
    IReadOnlyDictionary<int, GroupedAmortizationTable>? GroupedTables = null);

/// <summary>Everything an IMR run produces.</summary>
public sealed record ImrRunResult(
    DateOnly StatementDate,
    AmortizationMethod Method,
    IReadOnlyList<RoutedGain> Routing,
    IReadOnlyList<AmortizationSchedule> Schedules,
    IReadOnlyList<ImrExhibitRow> Exhibit,
    ImrPage Page,
    IReadOnlyList<YearAmount> CarryForward,
    NegativeImrAssessment NegativeImr,
    IReadOnlyDictionary<AvrSubComponent, decimal> AvrRealizedGains,
    IReadOnlyDictionary<int, AmortizationMethod> MethodLock,
    IReadOnlyList<YearAmount> IgnoredPriorRows);

/// <summary>
/// An IMR run for a statement date: route the year's disposals, amortize the IMR parts (seriatim or grouped), build
/// the amortization exhibit from the prior carry-forward, this year's gains and the liability adjustments, the page
/// and the carry-forward, and assess a negative IMR. Bad input refuses the whole run.
/// </summary>
public static class ImrRun
{
    private const int ParallelThreshold = 256;

    /// <summary>
    /// Every check <see cref="Run"/> makes of its inputs, without amortizing anything: a quarter-end run refuses bad
    /// input before it starts, and its investment segment amortizes once.
    /// </summary>
    public static void Check(IReadOnlyList<Disposal> disposals, IReadOnlyList<YearAmount> liabilityGains, ImrRunOptions options, string source = "disposals")
    {
        var year = options.StatementDate.Year;
        var errors = new List<InputError>();
        if (options.DefaultTaxRate is { } runRate && runRate is < 0 or >= 1)
            errors.Add(new InputError("options", null, null, "tax_rate", $"tax rate {runRate} must be a decimal between 0 and 1 (0.35 for 35%)"));
        for (var i = 0; i < disposals.Count && errors.Count < InvalidInputException.MaxErrors; i++)
        {
            var d = disposals[i];
            void Error(string field, string message) => errors.Add(new InputError(source, null, null, field, message, i, "disposals"));
            foreach (var (field, message) in DisposalRules.Check(d)) Error(field, message);
            if (d.DisposalDate.Year != year || d.DisposalDate > options.StatementDate)
                Error("disposal_date", $"disposed {d.DisposalDate:yyyy-MM-dd}: outside the statement year {year} through {options.StatementDate:yyyy-MM-dd}");
            if (d.TaxRate is null && options.DefaultTaxRate is null)
                Error("tax_rate", "no tax rate: give it per disposal or for the run (--tax-rate)");
        }
        for (var i = 0; i < liabilityGains.Count; i++)
            if (liabilityGains[i].Year < year)
                errors.Add(new InputError(source, null, null, "year", $"liability adjustment for {liabilityGains[i].Year} is before the statement year {year}", i, "liability_gains"));
        if (errors.Count > 0) throw new InvalidInputException(errors);

        var lockIn = options.MethodLock ?? new Dictionary<int, AmortizationMethod>();
        if (disposals.Count > 0 && lockIn.TryGetValue(year, out var locked) && locked != options.Method)
            throw new AssumptionMissingException($"imr method {year}",
                $"the {year} gains were first amortized with the {Name(locked)} method and keep it; this run asks for {Name(options.Method)}");
        if (options.Method == AmortizationMethod.Grouped && !(options.GroupedTables?.ContainsKey(year) ?? false))
            foreach (var d in disposals)
                if (ImrRouting.Route(d, d.TaxRate ?? options.DefaultTaxRate!.Value).Any(part => part.Route == GainRoute.Imr))
                    GroupedAmortization.TableFor(d, options.GroupedTables ?? throw MissingGroupedTable(year));
    }

    private static AssumptionMissingException MissingGroupedTable(int year) =>
        new($"imr grouped table {year}", $"the grouped method needs the NAIC amortization table for {year} (--grouped-table)");

    public static ImrRunResult Run(IReadOnlyList<Disposal> disposals, IReadOnlyList<YearAmount> prior, IReadOnlyList<YearAmount> liabilityGains,
        ImrRunOptions options, string source = "disposals")
    {
        Check(disposals, liabilityGains, options, source);
        var year = options.StatementDate.Year;
        var lockIn = options.MethodLock ?? new Dictionary<int, AmortizationMethod>();
        var lockOut = new Dictionary<int, AmortizationMethod>(lockIn);
        if (disposals.Count > 0) lockOut[year] = options.Method;

        // Each disposal is routed and amortized on its own, in parallel; the lists keep the order of the disposals, and a
        // failure is the one the first failing disposal raises.
        var parts = new (List<RoutedGain> Routing, List<AmortizationSchedule> Schedules, Exception? Failure)[disposals.Count];
        Parallel.For(0, disposals.Count, new ParallelOptions { MaxDegreeOfParallelism = disposals.Count >= ParallelThreshold ? -1 : 1 }, i =>
        {
            var d = disposals[i];
            var mine = parts[i] = (new List<RoutedGain>(), new List<AmortizationSchedule>(), null);
            try
            {
                foreach (var part in ImrRouting.Route(d, d.TaxRate ?? options.DefaultTaxRate!.Value))
                {
                    mine.Routing.Add(part);
                    if (part.Route != GainRoute.Imr) continue;
                    mine.Schedules.Add(options.Method == AmortizationMethod.Seriatim
                        ? SeriatimAmortization.Schedule(d, part.PreTaxGain, part.AfterTaxGain, options.StatementDate)
                        : GroupedAmortization.Schedule(d, part.PreTaxGain, part.AfterTaxGain,
                            options.GroupedTables ?? throw MissingGroupedTable(year), options.StatementDate));
                }
            }
            catch (Exception e)
            {
                parts[i] = mine with { Failure = e };
            }
        });
        if (parts.FirstOrDefault(p => p.Failure is not null).Failure is { } failure)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        var routing = parts.SelectMany(p => p.Routing).ToList();
        var schedules = parts.SelectMany(p => p.Schedules).ToList();

        var ignored = prior.Where(p => p.Year < year).ToList();
        var currentGains = schedules.SelectMany(s => s.Years).Select(y => new YearAmount(y.Year, y.AfterTax));
        var exhibit = ImrExhibit.Build(year, prior.Where(p => p.Year >= year), currentGains, liabilityGains);
        var imrParts = routing.Where(r => r.Route == GainRoute.Imr).ToList();
        var page = new ImrPage(exhibit.Sum(r => r.PriorReserve), imrParts.Sum(r => r.PreTaxGain), imrParts.Sum(r => r.Tax),
            exhibit.Sum(r => r.CurrentYearGains), exhibit.Sum(r => r.LiabilityAdjustment),
            ImrExhibit.AmortizationToDate(exhibit, options.StatementDate, schedules.Sum(s => s.AfterTaxToDate)));
        NegativeImrAssessment negative;
        try
        {
            negative = NegativeImr.Assess(page.Line6, options.StatementDate, options.Presentation, options.Int2301);
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException(new InputError("options", null, null, "unadjusted_capital_surplus", e.Message));
        }
        var avr = Enum.GetValues<AvrSubComponent>().ToDictionary(p => p,
            p => routing.Where(r => r.Route == GainRoute.Avr && r.AvrSubComponent == p).Sum(r => r.AfterTaxGain));
        return new ImrRunResult(options.StatementDate, options.Method, routing, schedules, exhibit, page, ImrExhibit.CarryForward(exhibit),
            negative, avr, lockOut, ignored);
    }

    public static string Name(AmortizationMethod method) => method == AmortizationMethod.Seriatim ? "seriatim" : "grouped";
}
