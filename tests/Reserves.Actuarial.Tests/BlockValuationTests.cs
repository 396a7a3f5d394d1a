using Reserves.Actuarial.Bases;
using Reserves.Inputs;
using Reserves.Actuarial.Policies;
using Reserves.Actuarial.Reserves;
using Reserves.Actuarial.Tables;
using Reserves.Exhibits;

namespace Reserves.Actuarial.Tests;

public class BlockValuationTests
{
    private static readonly DateOnly Valuation = new(2025, 12, 31);

    private static ValuationBasis Basis(string id, string label, params (string Key, string Table)[] mortality)
    {
        var refs = mortality.ToDictionary(m => m.Key, m => TableReference.TryParse(m.Table, out var r, out _) ? r : throw new ArgumentException(m.Table));
        return new ValuationBasis(id, label, ReserveMethod.Crvm, 0.04, Timing.Curtate, ReserveConvention.Mean, refs);
    }

    private static readonly Dictionary<string, ValuationBasis> Bases = new[]
    {
        Basis("A", "80 CSO 4.00% CRVM", ("M", "soa:42"), ("F", "soa:36"), ("M-NS", "soa:44")),
        Basis("B", "58 CSO 4.00% CRVM", ("M", "csv:1958-cso.csv#cso-male-anb")),
    }.ToDictionary(b => b.Id);

    private static Policy P(string id, string basis = "A", int age = 35, string issue = "2010-06-30", Plan plan = Plan.WholeLife,
        Sex sex = Sex.Male, RiskClass riskClass = RiskClass.Aggregate, int? benefitYears = null, double face = 100_000, double gross = 2_000) =>
        new(id, plan, DateOnly.Parse(issue), age, sex, riskClass, face, gross, null, benefitYears, basis);

    private static InvalidInputException Refused(params Policy[] policies) =>
        Assert.Throws<InvalidInputException>(() => new BlockValuation(TestTables.Library).Value(policies, Bases, Valuation, "policies.csv"));

    [Fact]
    public void SameFactorsForEveryPolicyOfTheSameKeyAndIndependentOfTheBlock()
    {
        var valuation = new BlockValuation(TestTables.Library);
        var alone = valuation.Value([P("X", face: 50_000)], Bases, Valuation).Single();
        var block = valuation.Value([P("W"), P("X", face: 50_000), P("Y", sex: Sex.Female), P("Z", riskClass: RiskClass.NonSmoker)], Bases, Valuation);
        Assert.Equal(alone, block[1]);
        Assert.Equal(block[0].Reserve / 2, block[1].Reserve, 8);
        Assert.NotEqual(block[0].Reserve, block[2].Reserve);
        Assert.NotEqual(block[0].Reserve, block[3].Reserve);
    }

    [Fact]
    public void ManyPlanShapesOfOneIssueAgeEqualFactorsComputedAlone()
    {
        // Over 32 shapes at one issue age (the cache's small slots and its overflow), sharing the age's 19-pay cap:
        // each policy's reserve is the one its factors give when computed on their own, to the bit.
        var policies = new List<Policy>();
        for (var n = 15; n <= 60; n++)
        {
            policies.Add(new Policy($"T{n}", Plan.Term, new DateOnly(2012, 3, 15), 40, Sex.Male, RiskClass.Aggregate, 100_000, 900, null, n, "A"));
            policies.Add(new Policy($"E{n}", Plan.Endowment, new DateOnly(2012, 3, 15), 40, Sex.Male, RiskClass.Aggregate, 100_000, 4_000, Math.Min(n, 10), n, "A"));
        }
        var valued = new BlockValuation(TestTables.Library).Value(policies, Bases, Valuation);
        var q = TestTables.Library.Get("soa:42").PolicyYearRates(40);
        var at = PolicyYear.At(new DateOnly(2012, 3, 15), Valuation);
        for (var i = 0; i < policies.Count; i++)
        {
            var p = policies[i];
            var shape = new PlanShape(p.BenefitYears!.Value, p.PremiumYears ?? p.BenefitYears.Value, p.Plan == Plan.Endowment);
            var alone = ReserveFactorCalculator.Compute(q, 0.04, Timing.Curtate, ReserveMethod.Crvm, shape);
            Assert.Equal(PolicyReserveCalculator.Value(p, alone, ReserveConvention.Mean, at), valued[i]);
        }
    }

    [Fact]
    public void APolicyValuedOnItsMaturityDateHoldsItsLastTerminalReserve()
    {
        var valuation = new BlockValuation(TestTables.Library);
        var r = valuation.Value([P("E", age: 40, plan: Plan.Endowment, benefitYears: 20, issue: "2005-12-31", face: 10_000),
            P("T", age: 40, plan: Plan.Term, benefitYears: 20, issue: "2005-12-31")], Bases, Valuation);
        Assert.Equal((21, 10_000.0, 0.0), (r[0].PolicyYear, Math.Round(r[0].Reserve, 9), r[1].Reserve));
    }

    [Fact]
    public void WholeLifeWithABenefitPeriodIsRefused()
    {
        var e = Assert.Single(Refused(P("W", benefitYears: 30)).Errors);
        Assert.Equal("benefit_years", e.Field);
        Assert.Contains("leave benefit_years empty, or use TERM", e.Message);
    }

    [Fact]
    public void WithoutAGrossPremiumThereIsNoDeficiencyTest()
    {
        var valuation = new BlockValuation(TestTables.Library);
        var block = valuation.Value([P("LOW", gross: 1), P("NONE") with { GrossPremium = null }], Bases, Valuation);
        Assert.True(block[0].DeficiencyReserve > 0);
        Assert.Equal(0, block[1].DeficiencyReserve);
        Assert.Equal(block[0].Reserve, block[1].Reserve);
    }

    [Fact]
    public void LargeBlocksValuedInParallelEqualSerialValues()
    {
        var policies = Enumerable.Range(0, 25_000).Select(i => P($"P{i}", age: 20 + i % 50, face: 1000 + i)).ToList();
        var parallel = new BlockValuation(TestTables.Library).Value(policies, Bases, Valuation);
        var serial = policies.Select(p => new BlockValuation(TestTables.Library).Value([p], Bases, Valuation)[0]).ToList();
        Assert.Equal(serial, parallel);
    }

    [Theory]
    [InlineData("basis", "unknown basis 'NOPE'")]
    [InlineData("issue_age", "issue age 100 is outside table soa:42")]
    [InlineData("issue_date", "after the valuation date")]
    [InlineData("benefit_years", "runs past the end of the mortality table")]
    [InlineData("issue_date#expired", "left the books")]
    public void BadPoliciesAreRefusedWithTheirIndexAndField(string field, string message)
    {
        var bad = field switch
        {
            "basis" => P("X", basis: "NOPE"),
            "issue_age" => P("X", age: 100),
            "issue_date" => P("X", issue: "2026-01-01"),
            "benefit_years" => P("X", age: 80, plan: Plan.Term, benefitYears: 30),
            _ => P("X", age: 40, plan: Plan.Term, benefitYears: 10, issue: "2000-01-01"),
        };
        var e = Assert.Single(Refused(P("OK"), bad).Errors);
        Assert.Equal((1, field.Split('#')[0]), (e.RecordIndex, e.Field));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void MissingMortalityForASexIsAMissingAssumption()
    {
        var e = Assert.Throws<AssumptionMissingException>(() =>
            new BlockValuation(TestTables.Library).Value([P("X", basis: "B", sex: Sex.Female)], Bases, Valuation));
        Assert.Contains("basis B has no mortality table for sex F", e.Message);
    }

    [Fact]
    public void ExhibitPrintsOneLinePerBasisWithIssueYearsDeficiencyAndTotalsFromUnroundedSums()
    {
        var reserves = new[]
        {
            new PolicyReserve("1", "B", 3, 1984, 0, 0, 0, 0, 0, 0, 0.4, 100.4),
            new PolicyReserve("2", "B", 3, 1988, 0, 0, 0, 0, 0, 0, 0.4, 200.4),
            new PolicyReserve("3", "A", 3, 1990, 0, 0, 0, 0, 0, 0, 0.4, 50.4),
        };
        var lines = LifeReserveExhibit.Build(Bases.Values, reserves);
        Assert.Equal(
        [
            new("0100001", "80 CSO 4.00% CRVM (issued 1990)", 50m, 50.4m),
            new("0100002", "58 CSO 4.00% CRVM (issued 1984 to 1988)", 301m, 300.8m),
            new("0100003", LifeReserveExhibit.DeficiencyDescription, 1m, 1.2m),
            new("0199999", "Totals", 352m, 352.4m),
            new("9999999", "Totals (life reserves)", 352m, 352.4m),
        ], lines);
    }

    [Fact]
    public void MoneyRoundsHalfAwayFromZero()
    {
        Assert.Equal(3m, Money.WholeDollars(2.5m));
        Assert.Equal(-3m, Money.WholeDollars(-2.5m));
        Assert.Equal(1.234568m, Money.FromPresentValue(1.2345675));
    }
}
