using BenchmarkDotNet.Attributes;
using Reserves.Actuarial.Bases;
using Reserves.Actuarial.Policies;
using Reserves.Actuarial.Reserves;
using Reserves.Actuarial.Tables;
using Reserves.Bench;
using Reserves.Investments.Avr;
using Reserves.Investments.Imr;

namespace Reserves.Benchmarks;

/// <summary>
/// The kernels: a table lookup, reserve factors for one key, one policy's reserve, a block of the synthetic book,
/// the AVR pages of 10,000 holdings, one seriatim IMR schedule.
/// </summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private TableLibrary _tables = null!;
    private MortalityTable _cso80 = null!;
    private double[] _path = null!;
    private ReserveFactors _factors = null!;
    private Policy _policy = null!;
    private PolicyYear _year;
    private SyntheticBook _book = null!;
    private Dictionary<string, ValuationBasis> _bases = null!;
    private AvrFactorSet _avr = null!;
    private Disposal _bond = null!;

    [GlobalSetup]
    public void Setup()
    {
        var directory = TableDirectoryLocator.Locate(null, Environment.GetEnvironmentVariable(TableDirectoryLocator.EnvironmentVariable),
            Environment.CurrentDirectory, AppContext.BaseDirectory) ?? throw new InvalidOperationException("mortality tables not found");
        _tables = new TableLibrary(directory);
        _cso80 = _tables.Get("soa:42");
        _path = _cso80.PolicyYearRates(35);
        _factors = ReserveFactorCalculator.Compute(_path, 0.04, Timing.Curtate, ReserveMethod.Crvm, new PlanShape(_path.Length, _path.Length, false));
        _policy = new Policy("P", Plan.WholeLife, new DateOnly(2002, 6, 30), 35, Sex.Male, RiskClass.Aggregate, 100_000, 1_500, null, null, "B");
        _year = PolicyYear.At(_policy.IssueDate, SyntheticBook.ValuationDate);
        _book = SyntheticBook.Generate(100_000, 1, _tables, holdings: 10_000, disposals: 100);
        _bases = _book.Bases.ToDictionary(b => b.Id);
        _avr = AvrFactorSetReader.Shipped(2012)!;
        _bond = new Disposal("D", DisposalAssetType.Bond, new DateOnly(2012, 4, 15), null, "1", "1", false, 1_000_000, 1_000_000, 1_050_000, 0.05m, 2,
            new DateOnly(2042, 1, 15), 0.35m, 0, false, false, null);
    }

    [Benchmark]
    public double TableLookup() => _cso80.PolicyYearRates(35)[10] + _cso80.Ultimate(60);

    [Benchmark]
    public ReserveFactors ReserveFactorsWholeLife() =>
        ReserveFactorCalculator.Compute(_path, 0.04, Timing.Curtate, ReserveMethod.Crvm, new PlanShape(_path.Length, _path.Length, false));

    [Benchmark]
    public PolicyReserve CrvmPerPolicy() => PolicyReserveCalculator.Value(_policy, _factors, ReserveConvention.Mean, _year);

    [Benchmark(OperationsPerInvoke = 100_000)]
    public PolicyReserve[] CrvmBlockOf100k() => new BlockValuation(_tables).Value(_book.Policies, _bases, SyntheticBook.ValuationDate);

    [Benchmark]
    public AvrComponents AvrLinesOf10kHoldings() => AvrCalculator.Compute(_book.Holdings, _avr);

    [Benchmark]
    public AmortizationSchedule ImrSeriatimSchedule() => SeriatimAmortization.Schedule(_bond, 50_000m, 32_500m);
}
