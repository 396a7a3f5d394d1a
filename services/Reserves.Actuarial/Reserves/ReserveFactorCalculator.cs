using Reserves.Actuarial.Bases;
using System.Runtime.CompilerServices;

namespace Reserves.Actuarial.Reserves;

/// <summary>Valuation net premiums and terminal reserves by NLP, FPT or CRVM (domain.md 1.2-1.3).</summary>
public static class ReserveFactorCalculator
{
    /// <param name="q">Mortality path from issue to the end of the table (the 19-pay cap needs it past a term's end).</param>
    public static ReserveFactors Compute(ReadOnlySpan<double> q, double interest, Timing timing, ReserveMethod method, PlanShape shape) =>
        Compute(q, interest, timing, method, shape, NineteenPayPremium(q, interest, timing));

    /// <summary>
    /// 19P_(x+1), the net premium of a 19-pay whole life at x+1 (the SVL section 5 cap); NaN for a one-year path. It
    /// depends on the path, the rate and the timing only, so every plan of an issue age shares it.
    /// </summary>
    public static double NineteenPayPremium(ReadOnlySpan<double> q, double interest, Timing timing) =>
        q.Length > 1
            ? LifeFunctions.WholeLifeInsurance(q, interest, timing, from: 1) / LifeFunctions.AnnuityDue(q, interest, from: 1, years: 19)
            : double.NaN;

    /// <param name="nineteenPay"><see cref="NineteenPayPremium"/> of the same path, rate and timing.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ReserveFactors Compute(ReadOnlySpan<double> q, double interest, Timing timing, ReserveMethod method, PlanShape shape, double nineteenPay)
    {
        var n = shape.BenefitYears;
        var m = shape.PremiumYears;
        if (n < 1 || n > q.Length) throw new ArgumentOutOfRangeException(nameof(shape), $"benefit period {n} outside 1..{q.Length}");
        if (m < 1 || m > n) throw new ArgumentOutOfRangeException(nameof(shape), $"premium period {m} outside 1..{n}");

        // The benefits are a temporary: on the stack for every real table (about 120 years at most).
        Span<double> benefits = n < 512 ? stackalloc double[n + 1] : new double[n + 1];
        LifeFunctions.FutureBenefits(q, n, interest, timing, shape.PaysAtMaturity, benefits);
        var annuity = LifeFunctions.PremiumAnnuity(q, n, m, interest);
        var nlp = benefits[0] / annuity[0];
        var v = 1 / (1 + interest);
        var cx = v * LifeFunctions.DeathBenefitFactor(interest, timing) * q[0];

        // A single premium has no renewal premium to load: every method gives the net single premium.
        var betaFpt = m > 1 ? benefits[1] / annuity[1] : double.NaN;

        double alpha, beta, allowance = 0;
        if (m == 1 || method == ReserveMethod.Nlp)
        {
            alpha = beta = nlp;
        }
        else if (method == ReserveMethod.Fpt)
        {
            alpha = cx;
            beta = betaFpt;
            allowance = beta - alpha;
        }
        else
        {
            // SVL section 5: the renewal net premium may not exceed that of a 19-pay life at x+1.
            allowance = Math.Max(0, Math.Min(betaFpt, nineteenPay) - cx);
            beta = (benefits[0] + allowance) / annuity[0];
            alpha = beta - allowance;
        }

        // 0V = 0 under every method: alpha + beta (ä_0 - 1) = A by construction.
        var terminal = new double[n + 1];
        for (var t = 1; t <= n; t++) terminal[t] = benefits[t] - beta * annuity[t];

        return new ReserveFactors(alpha, beta, terminal, annuity, nlp, cx, betaFpt, nineteenPay, allowance) { PremiumYears = m };
    }
}
