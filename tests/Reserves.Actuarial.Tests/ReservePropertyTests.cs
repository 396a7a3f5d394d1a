using FsCheck;
using FsCheck.Fluent;
using Reserves.Actuarial.Bases;
using Reserves.Actuarial.Reserves;
using static Reserves.Actuarial.Tests.ReserveCases;

namespace Reserves.Actuarial.Tests;

public class ReservePropertyTests
{
    private const int Cases = 300;

    private static void Check(Gen<ReserveCase> gen, Func<ReserveCase, bool> property) =>
        Prop.ForAll(gen.ToArbitrary(), property).Check(Config.QuickThrowOnFailure.WithMaxTest(Cases));

    [Fact]
    public void CrvmEqualsFptWheneverTheCapDoesNotBite() => Check(Any().Where(c => c.Shape.PremiumYears > 1), c =>
    {
        var crvm = c.Factors(ReserveMethod.Crvm);
        var fpt = c.Factors(ReserveMethod.Fpt);
        if (crvm.FptRenewalPremium > crvm.NineteenPayPremium || crvm.FptRenewalPremium < crvm.FirstYearTermCost) return true;
        return Close(crvm.Alpha, fpt.Alpha) && Close(crvm.Beta, fpt.Beta)
            && crvm.Terminal.Zip(fpt.Terminal).All(p => Close(p.First, p.Second))
            && Math.Abs(crvm.Terminal[1]) < 1e-12;
    });

    [Fact]
    public void WhenTheCapBitesCrvmHoldsAPositiveFirstYearReserve() => Check(Any(Kind.LimitedPay).Where(c => c.Shape.PremiumYears is > 1 and <= 10), c =>
    {
        var crvm = c.Factors(ReserveMethod.Crvm);
        if (crvm.FptRenewalPremium <= crvm.NineteenPayPremium) return true;
        // With an allowance the renewal premium is below beta_FPT, so 1V > 0; without one (19P <= c_x, a child on a
        // high-interest basis) CRVM is the net level premium method.
        return Close(crvm.ExpenseAllowance, Math.Max(0, crvm.NineteenPayPremium - crvm.FirstYearTermCost))
            && (crvm.ExpenseAllowance > 0 ? crvm.Terminal[1] > 0 : Close(crvm.Beta, crvm.NetLevelPremium));
    });

    [Fact]
    public void EndowmentTerminalReserveReachesTheFaceAtMaturity() => Check(Any(Kind.Endowment), c =>
        Enum.GetValues<ReserveMethod>().All(method => Close(c.Factors(method).Terminal[^1], 1.0)));

    [Fact]
    public void NetLevelPremiumWholeLifeReserveIsOneMinusAnnuityRatio() => Check(Any(Kind.WholeLife), c =>
    {
        var nlp = c.Factors(ReserveMethod.Nlp, Timing.Curtate);
        var q = c.Q;
        var ax = LifeFunctions.AnnuityDue(q, c.Interest);
        return Enumerable.Range(0, q.Length).All(t => Math.Abs(nlp.Terminal[t] - (1 - LifeFunctions.AnnuityDue(q, c.Interest, from: t) / ax)) < 1e-10);
    });

    [Fact]
    public void ReportedReservesAreNeverNegative() => Check(Any(), c =>
    {
        foreach (var method in Enum.GetValues<ReserveMethod>())
        {
            var f = c.Factors(method);
            for (var t = 1; t <= f.BenefitYears; t++)
            {
                var policy = PolicyFactory.Level(c, t, grossPremium: 0.5 * f.Beta);
                var at = PolicyYear.At(policy.IssueDate, policy.IssueDate.AddYears(t - 1).AddDays(100));
                foreach (var convention in Enum.GetValues<ReserveConvention>())
                {
                    var r = PolicyReserveCalculator.Value(policy, f, convention, at);
                    if (r.MeanReserve < 0 || r.InterpolatedReserve < 0 || r.DeficiencyReserve < 0 || r.Reserve < 0) return false;
                }
            }
        }
        return true;
    });

    [Fact]
    public void TerminalReservesAreNotNegativeWhenMortalityRises() => Check(Any(Kind.WholeLife, Kind.LimitedPay, Kind.Endowment, Kind.Term), c =>
    {
        var q = c.Q;
        for (var k = 1; k < c.Shape.BenefitYears; k++) if (q[k] < q[k - 1]) return true;
        return Enum.GetValues<ReserveMethod>().All(m => c.Factors(m).Terminal.All(v => v > -1e-12));
    });

    [Fact]
    public void SemiContinuousBenefitsAreIOverDeltaTimesCurtate() => Check(Any(Kind.WholeLife, Kind.Term), c =>
    {
        var curtate = LifeFunctions.FutureBenefits(c.Q, c.Shape.BenefitYears, c.Interest, Timing.Curtate, false);
        var semi = LifeFunctions.FutureBenefits(c.Q, c.Shape.BenefitYears, c.Interest, Timing.SemiContinuous, false);
        var ratio = c.Interest / Math.Log(1 + c.Interest);
        return curtate.Zip(semi).All(p => Math.Abs(p.Second - ratio * p.First) <= 1e-14 + 1e-12 * p.Second);
    });

    [Fact]
    public void NetPremiumsBalanceBenefitsAtIssue() => Check(Any(), c =>
        Enum.GetValues<ReserveMethod>().All(method =>
        {
            var f = c.Factors(method);
            var benefits = LifeFunctions.FutureBenefits(c.Q, c.Shape.BenefitYears, c.Interest, c.Timing, c.Shape.PaysAtMaturity)[0];
            var premiums = f.Alpha + f.Beta * (f.PremiumAnnuity[0] - 1);
            return Close(premiums, benefits);
        }));

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-11 + 1e-9 * Math.Abs(b);
}
