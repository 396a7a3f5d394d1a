using Reserves.Actuarial.Bases;
using Reserves.Actuarial.Policies;
using Reserves.Actuarial.Reserves;

namespace Reserves.Actuarial.Tests;

public class PolicyReserveTests
{
    private static readonly double[] Cso80Male35 = TestTables.Library.Get("soa:42").PolicyYearRates(35);

    private static Policy WholeLife(double face, double gross, DateOnly issue) =>
        new("P1", Plan.WholeLife, issue, 35, Sex.Male, RiskClass.Aggregate, face, gross, null, null, "B");

    [Theory]
    [InlineData("2020-03-15", "2020-03-15", 1, 0.0)]
    [InlineData("2020-03-15", "2021-03-14", 1, 364.0 / 365)]
    [InlineData("2020-03-15", "2021-03-15", 2, 0.0)]
    [InlineData("2019-12-31", "2025-12-31", 7, 0.0)]
    [InlineData("2020-07-01", "2025-12-31", 6, 183.0 / 365)]
    [InlineData("2020-02-29", "2021-02-28", 2, 0.0)]
    [InlineData("2020-02-29", "2024-02-28", 4, 365.0 / 366)]
    [InlineData("2020-02-29", "2024-02-29", 5, 0.0)]
    public void PolicyYearAndElapsedFraction(string issue, string valuation, int year, double fraction)
    {
        var at = PolicyYear.At(DateOnly.Parse(issue), DateOnly.Parse(valuation));
        Assert.Equal(year, at.Year);
        Assert.Equal(fraction, at.ElapsedFraction, 12);
    }

    [Fact]
    public void MeanAndInterpolatedReservesFollowTheirDefinitions()
    {
        var f = ReserveFactorCalculator.Compute(Cso80Male35, 0.04, Timing.Curtate, ReserveMethod.Crvm, new PlanShape(Cso80Male35.Length, Cso80Male35.Length, false));
        var issue = new DateOnly(2015, 7, 1);
        var valuation = new DateOnly(2025, 12, 31);     // policy year 11, 183 of 365 days elapsed
        var r = PolicyReserveCalculator.Value(WholeLife(100_000, 5_000, issue), f, ReserveConvention.Mean, PolicyYear.At(issue, valuation));
        Assert.Equal(11, r.PolicyYear);
        Assert.Equal(114.9031 * 100, r.TerminalStart, 1);            // 10V per 1000 from domain.md 1.3
        Assert.Equal(0.5 * (r.TerminalStart + r.Beta + r.TerminalEnd), r.MeanReserve, 8);
        var fraction = 183.0 / 365;
        Assert.Equal(r.TerminalStart + fraction * (r.TerminalEnd - r.TerminalStart) + (1 - fraction) * r.Beta, r.InterpolatedReserve, 8);
        Assert.Equal(r.MeanReserve, r.Reserve);
        Assert.Equal(0, r.DeficiencyReserve);
        // At mid-year the two conventions agree to within a small fraction of the annual change.
        Assert.True(Math.Abs(r.MeanReserve - r.InterpolatedReserve) < 0.02 * (r.TerminalEnd - r.TerminalStart + r.Beta));
    }

    [Fact]
    public void MidTerminalBasisReportsTheInterpolatedReserve()
    {
        var f = ReserveFactorCalculator.Compute(Cso80Male35, 0.04, Timing.Curtate, ReserveMethod.Nlp, new PlanShape(Cso80Male35.Length, Cso80Male35.Length, false));
        var issue = new DateOnly(2015, 7, 1);
        var r = PolicyReserveCalculator.Value(WholeLife(1000, 0, issue), f, ReserveConvention.MidTerminal, PolicyYear.At(issue, new DateOnly(2025, 12, 31)));
        Assert.Equal(r.InterpolatedReserve, r.Reserve);
    }

    /// <summary>
    /// domain.md 1.5 checked by brute force: the reserve recomputed with G in place of every larger net premium,
    /// summed year by year, minus the normal reserve.
    /// </summary>
    [Theory]
    [InlineData(ReserveMethod.Crvm, 0.6)]
    [InlineData(ReserveMethod.Nlp, 0.8)]
    [InlineData(ReserveMethod.Fpt, 1.02)]
    public void DeficiencyReserveEqualsTheRecomputedReserveMinusTheNormalOne(ReserveMethod method, double grossOverBeta)
    {
        var q = Cso80Male35;
        var n = q.Length;
        const double i = 0.045;
        var f = ReserveFactorCalculator.Compute(q, i, Timing.Curtate, method, new PlanShape(n, n, false));
        var g = grossOverBeta * f.Beta;
        var v = 1 / (1 + i);

        double PvPremiums(int from, Func<int, double> premium)
        {
            double pv = 0, survival = 1;
            for (var k = from; k < n; k++)
            {
                pv += Math.Pow(v, k - from) * survival * premium(k + 1);
                survival *= 1 - q[k];
            }
            return pv;
        }

        // Deficiency at duration s: PV of the net premiums from s on minus PV of the recomputed (capped at G) ones.
        double Terminal(int s) => PvPremiums(s, y => f.NetPremium(y)) - PvPremiums(s, y => Math.Min(f.NetPremium(y), g));
        var issue = new DateOnly(2010, 1, 1);
        foreach (var t in new[] { 1, 2, 5, 20 })
        {
            var excess = f.NetPremium(t) - Math.Min(f.NetPremium(t), g);
            var expected = Math.Max(0, 0.5 * (Terminal(t - 1) - excess + Terminal(t)));
            var r = PolicyReserveCalculator.Value(WholeLife(1, g, issue), f, ReserveConvention.Mean, PolicyYear.At(issue, issue.AddYears(t - 1)));
            Assert.Equal(expected, r.DeficiencyReserve, 10);
            if (g >= f.Beta && g >= f.Alpha) Assert.Equal(0, r.DeficiencyReserve);
            else Assert.True(r.DeficiencyReserve > 0);
        }
    }
}
