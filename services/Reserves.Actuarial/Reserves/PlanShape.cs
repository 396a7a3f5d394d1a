using Reserves.Actuarial.Policies;
using System.Runtime.CompilerServices;

namespace Reserves.Actuarial.Reserves;

/// <summary>Benefit and premium periods of a level plan, in policy years, with or without a maturity benefit.</summary>
public readonly record struct PlanShape(int BenefitYears, int PremiumYears, bool PaysAtMaturity)
{
    /// <summary>
    /// The shape of a policy on a table that leaves <paramref name="yearsToTableEnd"/> policy years. Null with a
    /// reason when the benefit period runs past the end of the table.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static PlanShape? For(Policy p, int yearsToTableEnd, out string field, out string problem)
    {
        field = "benefit_years";
        problem = "";
        if (p.Plan is Plan.WholeLife or Plan.LimitedPay && p.BenefitYears is { } given && given != yearsToTableEnd)
        {
            problem = $"plan {p.Plan.Code()} covers to the end of the table ({yearsToTableEnd} years from issue age {p.IssueAge}): leave benefit_years empty, or use TERM";
            return null;
        }
        var n = p.Plan is Plan.Term or Plan.Endowment ? p.BenefitYears ?? 0 : yearsToTableEnd;
        if (n > yearsToTableEnd)
        {
            problem = $"benefit period of {n} years runs past the end of the mortality table ({yearsToTableEnd} years from issue age {p.IssueAge})";
            return null;
        }
        var m = p.PremiumYears ?? n;
        if (m > n)
        {
            field = "premium_years";
            problem = $"premium period of {m} years is longer than the benefit period of {n} years";
            return null;
        }
        return new PlanShape(n, m, p.Plan == Plan.Endowment);
    }
}
