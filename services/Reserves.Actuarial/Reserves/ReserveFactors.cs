using Reserves.Actuarial.Bases;

namespace Reserves.Actuarial.Reserves;

/// <summary>
/// Reserve factors per unit of face for one issue age, plan shape, mortality path and basis: valuation net premiums,
/// terminal reserves at every duration, and the premium annuity at every duration (for deficiency reserves).
/// Immutable; shared by every policy with the same key.
/// </summary>
public sealed class ReserveFactors
{
    internal ReserveFactors(double alpha, double beta, double[] terminal, double[] premiumAnnuity,
        double netLevelPremium, double firstYearTermCost, double fptRenewalPremium, double nineteenPayPremium, double expenseAllowance)
    {
        Alpha = alpha;
        Beta = beta;
        Terminal = terminal;
        PremiumAnnuity = premiumAnnuity;
        NetLevelPremium = netLevelPremium;
        FirstYearTermCost = firstYearTermCost;
        FptRenewalPremium = fptRenewalPremium;
        NineteenPayPremium = nineteenPayPremium;
        ExpenseAllowance = expenseAllowance;
    }

    /// <summary>First-year valuation net premium.</summary>
    public double Alpha { get; }
    /// <summary>Renewal valuation net premium (years 2 to the end of the premium period).</summary>
    public double Beta { get; }
    /// <summary>Terminal reserve tV at durations t = 0..n.</summary>
    public double[] Terminal { get; }
    /// <summary>ä(x+t, m-t) at durations t = 0..n (0 from the end of the premium period on).</summary>
    public double[] PremiumAnnuity { get; }
    public double NetLevelPremium { get; }
    /// <summary>c_x: one-year term cost of the first-year benefit.</summary>
    public double FirstYearTermCost { get; }
    /// <summary>beta_FPT: PV at issue of benefits after year 1 over PV of premiums after year 1.</summary>
    public double FptRenewalPremium { get; }
    /// <summary>19P_(x+1): net premium of a 19-pay whole life at age x+1 (the SVL section 5 cap).</summary>
    public double NineteenPayPremium { get; }
    /// <summary>CRVM expense allowance; 0 for NLP.</summary>
    public double ExpenseAllowance { get; }

    public int BenefitYears => Terminal.Length - 1;
    public int PremiumYears { get; init; }

    /// <summary>Valuation net premium of policy year t (1-based): alpha, then beta, then 0 after the premium period.</summary>
    public double NetPremium(int policyYear) =>
        policyYear == 1 ? Alpha : policyYear <= PremiumYears ? Beta : 0.0;
}
