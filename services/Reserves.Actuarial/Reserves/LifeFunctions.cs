using Reserves.Actuarial.Bases;
using System.Runtime.CompilerServices;

namespace Reserves.Actuarial.Reserves;

/// <summary>
/// Present values by backward recursion over a mortality path q[0..] (q[k] = rate of policy year k+1), for face 1.
/// Curtate: premiums at the start of the year, claims at the end of the year of death. Semi-continuous: every death
/// benefit PV times i/delta (claims at the moment of death under a uniform distribution of deaths).
/// </summary>
public static class LifeFunctions
{
    /// <summary>i/delta for semi-continuous timing, 1 for curtate.</summary>
    public static double DeathBenefitFactor(double interest, Timing timing) =>
        timing == Timing.SemiContinuous ? interest / Math.Log(1 + interest) : 1.0;

    /// <summary>
    /// PV at each duration s = 0..n of the benefits from s to n: death benefit 1 in years s+1..n, plus 1 at n when
    /// <paramref name="paysAtMaturity"/>. Element n is the maturity value (1 or 0).
    /// </summary>
    public static double[] FutureBenefits(ReadOnlySpan<double> q, int n, double interest, Timing timing, bool paysAtMaturity)
    {
        var pv = new double[n + 1];
        FutureBenefits(q, n, interest, timing, paysAtMaturity, pv);
        return pv;
    }

    /// <summary><see cref="FutureBenefits(ReadOnlySpan{double}, int, double, Timing, bool)"/> into a buffer of n + 1 values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FutureBenefits(ReadOnlySpan<double> q, int n, double interest, Timing timing, bool paysAtMaturity, Span<double> pv)
    {
        var v = 1 / (1 + interest);
        var death = v * DeathBenefitFactor(interest, timing);
        pv[n] = paysAtMaturity ? 1.0 : 0.0;
        for (var s = n - 1; s >= 0; s--) pv[s] = death * q[s] + v * (1 - q[s]) * pv[s + 1];
    }

    /// <summary>ä at each duration s = 0..n for annual premiums payable in years 1..m (0 from s = m on).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double[] PremiumAnnuity(ReadOnlySpan<double> q, int n, int m, double interest)
    {
        var v = 1 / (1 + interest);
        var a = new double[n + 1];
        for (var s = Math.Min(m, n) - 1; s >= 0; s--) a[s] = 1 + v * (1 - q[s]) * a[s + 1];
        return a;
    }

    /// <summary>Whole life insurance A from duration <paramref name="from"/> to the end of the path.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double WholeLifeInsurance(ReadOnlySpan<double> q, double interest, Timing timing, int from = 0)
    {
        // The recursion of FutureBenefits kept in one variable (the same operations, so the same double).
        var v = 1 / (1 + interest);
        var death = v * DeathBenefitFactor(interest, timing);
        var pv = 0.0;
        for (var s = q.Length - 1; s >= from; s--) pv = death * q[s] + v * (1 - q[s]) * pv;
        return pv;
    }

    /// <summary>Life annuity-due ä from duration <paramref name="from"/>, for at most <paramref name="years"/> payments.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double AnnuityDue(ReadOnlySpan<double> q, double interest, int from = 0, int years = int.MaxValue)
    {
        var n = q.Length - from;
        var v = 1 / (1 + interest);
        var a = 0.0;
        for (var s = from + Math.Min(years, n) - 1; s >= from; s--) a = 1 + v * (1 - q[s]) * a;
        return a;
    }
}
