using Reserves.Actuarial.Bases;
using Reserves.Actuarial.Policies;
using System.Runtime.CompilerServices;

namespace Reserves.Actuarial.Reserves;

/// <summary>Applies reserve factors to one policy at a valuation date (domain.md 1.4 and 1.5).</summary>
public static class PolicyReserveCalculator
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PolicyReserve Value(Policy policy, ReserveFactors factors, ReserveConvention convention, PolicyYear at)
    {
        var t = at.Year;
        var f = at.ElapsedFraction;
        if (t == factors.BenefitYears + 1 && f == 0)
        {
            // Valued on its maturity or expiry date: the end of the last policy year (nV: the face of an endowment, 0 for term).
            var last = factors.Terminal[^1] * policy.FaceAmount;
            return new PolicyReserve(policy.PolicyId, policy.BasisId, t, policy.IssueDate.Year, factors.Alpha * policy.FaceAmount,
                factors.Beta * policy.FaceAmount, last, last, last, last, 0, last);
        }
        if (t > factors.BenefitYears)
            throw new ArgumentOutOfRangeException(nameof(at), $"policy year {t} is past the benefit period of {factors.BenefitYears} years");
        var face = policy.FaceAmount;
        var start = factors.Terminal[t - 1];
        var end = factors.Terminal[t];
        var np = factors.NetPremium(t);
        // A negative reserve is held at zero (statutory reserves are never negative), policy by policy.
        var mean = Math.Max(0, 0.5 * (start + np + end));
        var interpolated = Math.Max(0, start + f * (end - start) + (1 - f) * np);

        var deficiency = policy.GrossPremium is { } gross ? Deficiency(factors, gross / face, t, f, convention) : 0.0;
        var perUnit = convention == ReserveConvention.Mean ? mean : interpolated;
        return new PolicyReserve(policy.PolicyId, policy.BasisId, t, policy.IssueDate.Year,
            factors.Alpha * face, factors.Beta * face, start * face, end * face,
            mean * face, interpolated * face, deficiency * face, perUnit * face);
    }

    /// <summary>
    /// SVL section 8 as defined in domain.md 1.5: the reserve recomputed with the gross premium G in place of every
    /// net premium that exceeds it, minus the normal reserve; the terminal deficiency at s is the PV of the future
    /// excesses (NP - G)+, and the same mean or mid-terminal convention applies. Floored at 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Deficiency(ReserveFactors factors, double g, int t, double f, ReserveConvention convention)
    {
        var alphaExcess = Math.Max(0, factors.Alpha - g);
        var betaExcess = Math.Max(0, factors.Beta - g);
        if (alphaExcess == 0 && betaExcess == 0) return 0;
        var a = factors.PremiumAnnuity;
        double Terminal(int s) => s == 0 ? alphaExcess + betaExcess * Math.Max(0, a[0] - 1) : betaExcess * a[s];
        var excessThisYear = t == 1 ? alphaExcess : t <= factors.PremiumYears ? betaExcess : 0;
        var start = Terminal(t - 1);
        var end = Terminal(t);
        var value = convention == ReserveConvention.Mean
            ? 0.5 * (start - excessThisYear + end)
            : start + f * (end - start) - (1 - f) * excessThisYear;
        return Math.Max(0, value);
    }
}
